import { aspectSize } from "./aspect";
import { ShareLink } from "./share-link";
import type { JobView } from "@/lib/jobs/job-view";
import { imageVariantUrl } from "@/lib/storage/image-variant-url";
import { buttonStyles } from "@/components/ui/styles";
import { formatCost, formatDuration } from "@/components/format";

export function VideoResult({ job }: { job: JobView }) {
  if (!job.videoUrl) return null;
  const narrow = job.aspectRatio === "9:16";
  return (
    <section aria-label="Final video" className="space-y-4">
      <div className={`overflow-hidden rounded-xl border border-zinc-800 bg-black ${narrow ? "mx-auto max-w-sm" : ""}`}>
        <video
          controls
          preload="metadata"
          playsInline
          poster={job.posterUrl ? imageVariantUrl(job.posterUrl, 960, "webp") : undefined}
          src={job.videoUrl}
          {...aspectSize(job.aspectRatio)}
          className="block h-auto w-full"
          aria-label="Final video"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <a href={job.downloadUrl ?? job.videoUrl} download className={buttonStyles.primary}>
          Download
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
          {formatDuration(job.durationSec)} · {job.aspectRatio} · {job.scenes.length} scenes
          {job.sound.voice && ` · narrated (${job.sound.voice})`}
          {job.sound.music && " · music"} · cost {formatCost(job.costUsd)}
        </p>
      </div>
      <ShareLink jobId={job.id} />
    </section>
  );
}
