"use client";

import { useState } from "react";
import type { JobView } from "@/lib/jobs/job-view";
import useSWR from "swr";
import { formatCost } from "@/components/format";
import { fetchJson } from "./use-job";
import { buttonStyles } from "@/components/ui/styles";
import type { JobActions } from "./job-actions";
import { SceneCard } from "./scene-card";

interface Props {
  job: JobView;
  actions: JobActions;
  busy: boolean;
  run: (work: () => Promise<{ ok: boolean; error?: string }>) => void;
  /** Reviewing a first storyboard (approve it), or refining a finished video (the draft of its next version). */
  mode?: "review" | "refine";
}

export function StoryboardEditor({ job, actions, busy, run, mode = "review" }: Props) {
  const editable = mode === "review" ? job.status === "awaiting_approval" : job.editable;
  const uploads = useSWR<{ assets: { id: string; name: string; kind: string }[] }>(editable ? "/api/uploads" : null, fetchJson);
  const images = uploads.data?.assets.filter((a) => a.kind === "image") ?? [];
  const total = job.scenes.reduce((sum, s) => sum + s.durationSec, 0);
  const refusal = editable && mode === "review" ? job.approval?.refusal : null;
  // Said once per move, politely: a screen reader hears where the scene went, not every poll of the job.
  const [moveNote, setMoveNote] = useState("");
  return (
    <section aria-labelledby="storyboard-heading" className="space-y-4">
      {mode === "review" && (
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="storyboard-heading" className="text-xl font-semibold">
              Storyboard
            </h2>
            <p className="text-sm text-zinc-400">
              {job.scenes.length} scenes · {total.toFixed(1)} s · edit captions and prompts, redraw a scene, reorder, then
              approve.
            </p>
          </div>
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonStyles.danger}
              disabled={busy}
              onClick={() => run(() => actions.cancel({ jobId: job.id }))}
            >
              Cancel
            </button>
            <button
              type="button"
              className={buttonStyles.primary}
              disabled={busy || !editable || Boolean(refusal)}
              onClick={() => run(() => actions.approve({ jobId: job.id }))}
            >
              Approve storyboard
            </button>
          </div>
        </div>
      )}
      {mode === "refine" && (
        <h3 id="storyboard-heading" className="sr-only">
          Scenes of the next version
        </h3>
      )}
      {mode === "review" && editable && job.approval && job.approval.costUsd > 0 && !refusal && (
        <p className="text-sm text-zinc-400">Approving holds about {formatCost(job.approval.costUsd)} for the clips.</p>
      )}
      {refusal && (
        <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200">
          {refusal}
        </p>
      )}
      <p role="status" className="sr-only">
        {moveNote}
      </p>
      <ol className="grid gap-5 md:grid-cols-2 xl:grid-cols-3">
        {job.scenes.map((scene, index) => (
          <SceneCard
            key={`${scene.id}:${scene.caption}:${scene.imagePrompt}:${scene.motion}:${scene.durationSec}`}
            scene={scene}
            aspectRatio={job.aspectRatio}
            isFirst={index === 0}
            isLast={index === job.scenes.length - 1}
            editable={editable}
            busy={busy}
            onSave={(changes) => run(() => actions.editScene({ jobId: job.id, sceneId: scene.id, changes }))}
            onRegenerate={() => run(() => actions.regenerateScene({ jobId: job.id, sceneId: scene.id }))}
            onRemove={() => run(() => actions.removeScene({ jobId: job.id, sceneId: scene.id }))}
            onMove={(direction) => {
              setMoveNote(`Scene ${index + 1} moved to position ${index + 1 + direction} of ${job.scenes.length}.`);
              run(() => actions.moveScene({ jobId: job.id, sceneId: scene.id, direction }));
            }}
            images={images}
            voiced={job.sound.voice !== null}
          />
        ))}
      </ol>
    </section>
  );
}
