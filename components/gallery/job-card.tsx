import Link from "next/link";
import type { JobSummary } from "@/lib/jobs/job-view";
import { StatusBadge } from "@/components/status-badge";
import { aspectSize } from "@/components/job/aspect";
import { ResponsiveImage } from "@/components/ui/responsive-image";
import { formatCost, formatDuration, formatRelativeTime } from "@/components/format";

// The gallery grid: one column on a phone, two from sm, three from lg inside the 72rem page.
const CARD_SIZES = "(min-width: 1024px) 360px, (min-width: 640px) 50vw, 100vw";

export function JobCard({ job, eager = false }: { job: JobSummary; eager?: boolean }) {
  return (
    <li className="group overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/60 transition hover:border-zinc-600">
      <Link
        href={job.links.page}
        className="block focus-visible:outline focus-visible:outline-2 focus-visible:outline-violet-400"
      >
        <div className="relative aspect-video overflow-hidden bg-zinc-800">
          {job.thumbnailUrl ? (
            // The whole poster, whatever its shape (a 9:16 one is not cropped to a strip), over a blurred copy of itself.
            <>
              <ResponsiveImage
                src={job.thumbnailUrl}
                alt=""
                ariaHidden
                {...aspectSize(job.aspectRatio)}
                sizes="64px"
                loading={eager ? "eager" : "lazy"}
                className="absolute inset-0 h-full w-full scale-110 object-cover opacity-40 blur-xl"
              />
              <ResponsiveImage
                src={job.thumbnailUrl}
                alt=""
                {...aspectSize(job.aspectRatio)}
                sizes={CARD_SIZES}
                loading={eager ? "eager" : "lazy"}
                fetchPriority={eager ? "high" : "auto"}
                className="relative h-full w-full object-contain transition group-hover:scale-[1.02]"
              />
            </>
          ) : (
            <div className="flex h-full items-center justify-center text-sm text-zinc-500">{job.stage}…</div>
          )}
          {job.durationSec != null && (
            <span className="absolute bottom-2 right-2 rounded bg-black/70 px-1.5 py-0.5 text-xs font-medium text-white">
              {formatDuration(job.durationSec)}
            </span>
          )}
        </div>
        <div className="space-y-2 p-4">
          <div className="flex items-center justify-between gap-2">
            <StatusBadge status={job.status} />
            <time dateTime={job.createdAt} className="text-xs text-zinc-500">
              {formatRelativeTime(job.createdAt)}
            </time>
          </div>
          <p className="line-clamp-2 text-sm font-medium text-zinc-100">{job.prompt}</p>
          <p className="text-xs text-zinc-500">
            {job.sceneCount} scenes · {job.aspectRatio} · {formatCost(job.costUsd)}
            {!job.isFinal && job.status !== "awaiting_approval" ? ` · ${job.percent}%` : ""}
            {job.queuePosition != null ? ` · #${job.queuePosition} in line` : ""}
          </p>
          {job.status === "failed" && job.error && <p className="text-xs text-red-300">{job.error}</p>}
        </div>
      </Link>
    </li>
  );
}
