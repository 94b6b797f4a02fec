import { aspectSize } from "./aspect";
import { ShareLink } from "./share-link";
import type { JobView } from "@/lib/jobs/job-view";
import type { VersionView } from "@/lib/versions/version-view";
import { imageVariantUrl } from "@/lib/storage/image-variant-url";
import { buttonStyles } from "@/components/ui/styles";
import { formatCost, formatDuration } from "@/components/format";

/** The video of one version (the current one unless another is picked in the list of versions). */
export function VideoResult({ job, version }: { job: JobView; version?: VersionView }) {
  const videoUrl = version?.videoUrl ?? job.videoUrl;
  if (!videoUrl) return null;
  const posterUrl = version ? version.posterUrl : job.posterUrl;
  const downloadUrl = version?.downloadUrl ?? job.downloadUrl;
  const durationSec = version ? version.durationSec : job.durationSec;
  const label = version && !version.current ? `Version ${version.number}` : "Final video";
  const narrow = job.aspectRatio === "9:16";
  return (
    <section aria-label={label} className="space-y-4">
      <div className={`overflow-hidden rounded-xl border border-zinc-800 bg-black ${narrow ? "mx-auto max-w-sm" : ""}`}>
        <video
          controls
          preload="metadata"
          playsInline
          key={videoUrl}
          poster={posterUrl ? imageVariantUrl(posterUrl, 960, "webp") : undefined}
          src={videoUrl}
          {...aspectSize(job.aspectRatio)}
          className="block h-auto w-full"
          aria-label={label}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <a href={downloadUrl ?? videoUrl} download className={buttonStyles.primary}>
          Download{version && !version.current && ` v${version.number}`}
        </a>
        {job.captionsUrls && (
          <>
            <a href={job.captionsUrls.vtt} download className={buttonStyles.secondary}>
              Captions (WebVTT)
            </a>
            <a href={job.captionsUrls.srt} download className={buttonStyles.secondary}>
              Captions (SRT)
            </a>
          </>
        )}
        <p className="text-sm text-zinc-400">
          {formatDuration(durationSec)} · {job.aspectRatio} · {version?.sceneCount ?? job.scenes.length} scenes
          {job.sound.voice && ` · narrated (${job.sound.voice})`}
          {job.sound.music && " · music"} · cost {formatCost(version?.costUsd ?? job.costUsd)}
        </p>
      </div>
      <ShareLink jobId={job.id} />
    </section>
  );
}
