import type { JobView } from "@/lib/jobs/job-view";
import { formatCost, formatQueuePosition } from "@/components/format";

const STEP_LABEL: Record<string, string> = { pending: "waiting", generating: "in progress", ready: "done", failed: "failed" };
const STEP_DOT: Record<string, string> = {
  pending: "bg-zinc-600",
  generating: "bg-violet-400 animate-pulse",
  ready: "bg-emerald-400",
  failed: "bg-red-400",
};

const BAR_COLOR: Record<string, string> = { failed: "bg-red-500", canceled: "bg-zinc-500" };

export function ProgressPanel({ job }: { job: JobView }) {
  const showClips =
    ["rendering", "stitching", "completed"].includes(job.status) || job.scenes.some((s) => s.clipStatus !== "pending");
  return (
    <section aria-label="Progress" className="rounded-xl border border-zinc-800 bg-zinc-900/60 p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold" aria-live="polite">
          {job.stage}
        </h2>
        <p className="text-sm text-zinc-400">
          {job.percent}%{job.etaSeconds != null && !job.isFinal ? ` · about ${job.etaSeconds}s left` : ""}
        </p>
      </div>
      {job.backend !== "local" && (
        <p className="mt-1 text-xs text-zinc-500" data-testid="job-cost">
          Spent {job.costUsd === 0 ? "$0" : formatCost(job.costUsd)} of about {formatCost(job.estimatedCostUsd)} estimated
        </p>
      )}
      {job.notice && (
        <p role="status" className="mt-1 text-sm text-amber-200">
          {job.notice}
        </p>
      )}
      {job.queuePosition != null && (
        <p className="mt-1 text-sm text-amber-200" data-testid="queue-position">
          {formatQueuePosition(job.queuePosition)}
        </p>
      )}
      <div
        role="progressbar"
        aria-label="Job progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.percent}
        className="mt-3 h-2 overflow-hidden rounded-full bg-zinc-800"
      >
        <div
          className={`h-full rounded-full transition-all duration-700 ${BAR_COLOR[job.status] ?? "bg-gradient-to-r from-violet-500 to-fuchsia-500"}`}
          style={{ width: `${Math.max(job.percent, 2)}%` }}
        />
      </div>
      {job.scenes.length > 0 && (
        <ol className="mt-4 grid gap-2 text-xs text-zinc-400 sm:grid-cols-2 lg:grid-cols-4">
          {job.scenes.map((scene) => {
            const step = showClips ? scene.clipStatus : scene.stillStatus;
            return (
              <li key={scene.id} className="flex items-center gap-2">
                <span aria-hidden className={`h-2 w-2 rounded-full ${STEP_DOT[step] ?? "bg-zinc-600"}`} />
                Scene {scene.position + 1}: {showClips ? "clip" : "still"} {STEP_LABEL[step] ?? step}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
