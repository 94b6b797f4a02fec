import type { SceneView } from "@/lib/jobs/job-view";
import { ResponsiveImage } from "@/components/ui/responsive-image";
import { aspectClass, aspectSize } from "./aspect";

const CLIP_LABELS: Record<string, string> = {
  pending: "waiting",
  generating: "rendering…",
  ready: "clip ready",
  failed: "clip failed",
};

/** The approved storyboard, read-only, while it renders and after: what each clip is made from. */
export function SceneStrip({
  scenes,
  aspectRatio,
  showClipState,
}: {
  scenes: SceneView[];
  aspectRatio: string;
  showClipState: boolean;
}) {
  return (
    <section aria-labelledby="scene-strip-heading" className="space-y-3">
      <h2 id="scene-strip-heading" className="text-lg font-semibold">
        Scenes
      </h2>
      <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {scenes.map((scene) => (
          <li key={scene.id} className="overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900/60">
            <div className={`relative ${aspectClass(aspectRatio)} max-h-56 w-full bg-zinc-800`}>
              {scene.stillUrl && (
                <ResponsiveImage
                  src={scene.stillUrl}
                  alt={`Storyboard still for scene ${scene.position + 1}`}
                  {...aspectSize(aspectRatio)}
                  sizes="(min-width: 1024px) 270px, (min-width: 640px) 33vw, 50vw"
                  className="h-full w-full object-cover"
                />
              )}
              {showClipState && (
                <span className="absolute right-2 top-2 rounded bg-black/65 px-2 py-0.5 text-xs text-white">
                  {CLIP_LABELS[scene.clipStatus] ?? scene.clipStatus}
                </span>
              )}
            </div>
            <p className="px-3 py-2 text-xs leading-snug text-zinc-300">
              <span className="font-semibold text-zinc-100">{scene.position + 1}.</span> {scene.caption}{" "}
              <span className="text-zinc-500">· {scene.durationSec} s</span>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
