"use client";

import { useState, useTransition } from "react";
import type { JobView } from "@/lib/jobs/job-view";
import { StatusBadge } from "@/components/status-badge";
import { buttonStyles } from "@/components/ui/styles";
import { ExportPanel } from "./export-panel";
import type { JobActions } from "./job-actions";
import { ProgressPanel } from "./progress-panel";
import { RefinePanel } from "./refine-panel";
import { SceneStrip } from "./scene-strip";
import { StoryboardEditor } from "./storyboard-editor";
import { useJob } from "./use-job";
import { VersionList } from "./version-list";
import { VideoResult } from "./video-result";

export function JobWorkspace({ initialJob, actions }: { initialJob: JobView; actions: JobActions }) {
  const { data, error: loadError, mutate } = useJob(initialJob.id, initialJob);
  const job = data ?? initialJob;
  const [pending, startTransition] = useTransition();
  const [actionError, setActionError] = useState<string | null>(null);

  const run = (work: () => Promise<{ ok: boolean; error?: string }>) => {
    setActionError(null);
    startTransition(async () => {
      const result = await work();
      if (!result.ok) setActionError(result.error ?? "That did not work.");
      await mutate();
    });
  };

  const [picked, setPicked] = useState<number | null>(null);
  const [refineOpen, setRefineOpen] = useState(false);
  const hasVersion = job.currentVersion !== null;
  const showStoryboard = !hasVersion && job.scenes.length > 0 && ["storyboarding", "awaiting_approval"].includes(job.status);
  // A finished video (or a failed render with scenes drawn) is refined in place: the draft of its next version.
  const refining = job.scenes.length > 0 && (hasVersion || job.status === "failed") && job.status !== "canceled";
  const showStrip = job.scenes.length > 0 && !showStoryboard && job.scenes.some((s) => s.stillUrl);
  const playing = job.versions.find((v) => v.number === (picked ?? job.currentVersion) && v.status === "completed");
  const canCancel = !job.isFinal && job.status !== "awaiting_approval";

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 max-w-3xl">
          <div className="mb-2 flex items-center gap-3">
            <StatusBadge status={job.status} />
            <span className="text-xs text-zinc-500">
              {job.style} · {job.aspectRatio} · {job.backend} back end
              {job.clips && ` · ${job.clips.model} ${job.clips.resolution ?? ""}`}
              {job.clips && job.clips.continuity !== "none" && ` · ${job.clips.continuity} scenes`}
            </span>
          </div>
          <h1 className="text-2xl font-semibold leading-snug">{job.prompt}</h1>
        </div>
        {canCancel && (
          <button
            type="button"
            className={buttonStyles.danger}
            disabled={pending}
            onClick={() => run(() => actions.cancel({ jobId: job.id }))}
          >
            Cancel
          </button>
        )}
      </header>

      {job.note && (
        <p
          role="status"
          data-testid="job-note"
          className="rounded-md border border-sky-900 bg-sky-950/40 px-4 py-3 text-sm text-sky-100"
        >
          {job.note}
        </p>
      )}
      {actionError && (
        <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200">
          {actionError}
        </p>
      )}
      {loadError && (
        <p role="status" className="text-sm text-amber-300">
          Could not refresh the job: {loadError.message}
        </p>
      )}
      {job.status === "failed" && job.error && (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-4 rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200"
        >
          <div>
            <p className="font-medium">This video could not be made.</p>
            <p>{job.error}</p>
            <p className="mt-1 text-red-300/80">Retry picks up at the step that failed; finished stills and clips are kept.</p>
          </div>
          <button
            type="button"
            className={buttonStyles.secondary}
            disabled={pending}
            onClick={() => run(() => actions.retry({ jobId: job.id }))}
          >
            Retry
          </button>
        </div>
      )}

      {job.status !== "completed" && <ProgressPanel job={job} />}
      {showStoryboard && <StoryboardEditor job={job} actions={actions} busy={pending} run={run} />}
      {hasVersion && <VideoResult job={job} version={playing} />}
      {hasVersion && (
        <ExportPanel
          jobId={job.id}
          aspectRatio={job.aspectRatio}
          versions={job.versions.filter((v) => v.status === "completed").map((v) => v.number)}
          currentVersion={job.currentVersion ?? 1}
        />
      )}
      <VersionList
        versions={job.versions}
        playing={playing?.number ?? null}
        busy={pending}
        canMakeCurrent={job.status === "completed" || job.status === "failed"}
        onPlay={setPicked}
        onMakeCurrent={(version) => {
          setPicked(null);
          run(() => actions.makeVersionCurrent({ jobId: job.id, version }));
        }}
      />
      {refining && (
        <details
          className="group rounded-xl border border-zinc-800"
          open={refineOpen}
          onToggle={(e) => setRefineOpen(e.currentTarget.open)}
        >
          <summary className="cursor-pointer select-none px-4 py-3 font-medium text-zinc-100">
            Refine this video <span className="text-sm font-normal text-zinc-400">· change scenes, render a new version</span>
          </summary>
          {/* Made only once opened: its stills, estimate and uploads are not fetched for a person just watching. */}
          {refineOpen && (
            <div className="border-t border-zinc-800">
              <RefinePanel job={job} actions={actions} busy={pending} run={run} />
            </div>
          )}
        </details>
      )}
      {showStrip && <SceneStrip scenes={job.scenes} aspectRatio={job.aspectRatio} showClipState={job.status === "rendering"} />}
    </div>
  );
}
