"use client";

import { useState } from "react";
import useSWR from "swr";
import type { JobView } from "@/lib/jobs/job-view";
import type { SceneChange } from "@/lib/versions/version-scenes";
import { describeChanges } from "@/lib/versions/version-changes";
import { MOTIONS, SCENE_LIMITS, asMotion } from "@/lib/vocabulary";
import { formatCost } from "@/components/format";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import type { JobActions } from "./job-actions";
import { MotionAndLength } from "./motion-and-length";
import { StoryboardEditor } from "./storyboard-editor";
import { fetchJson } from "./use-job";

interface Estimate {
  number: number;
  basedOn: number | null;
  totalUsd: number;
  lines: { label: string; usd: number }[];
  clipsToRender: number[];
  changedScenes: SceneChange[];
  musicChanged: boolean;
  stillsMissing: number[];
}

interface Props {
  job: JobView;
  actions: JobActions;
  busy: boolean;
  run: (work: () => Promise<{ ok: boolean; error?: string }>) => void;
}

/** The draft of a finished video's next version: its scenes, music and price, and the button that renders it. */
export function RefinePanel({ job, actions, busy, run }: Props) {
  // Keyed on the job's last change, so every edit prices the draft again.
  const estimate = useSWR<Estimate>(`/api/jobs/${job.id}/versions/estimate?at=${job.updatedAt}`, fetchJson, {
    keepPreviousData: true,
  });
  const uploads = useSWR<{ assets: { id: string; name: string; kind: string }[] }>("/api/uploads", fetchJson);
  const sounds = uploads.data?.assets.filter((a) => a.kind === "audio") ?? [];
  const plan = estimate.data;
  const nothingChanged = plan ? plan.basedOn !== null && plan.changedScenes.length === 0 && !plan.musicChanged : true;
  const blocked = !job.editable || busy || nothingChanged || (plan?.stillsMissing.length ?? 0) > 0;
  return (
    <section aria-labelledby="refine-heading" className="space-y-4 p-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="refine-heading" className="text-xl font-semibold">
            Refine · version {job.draftVersion}
          </h2>
          <p className="text-sm text-zinc-400">
            Change any scene, then render a new version: only the scenes whose clip changes are made again.
          </p>
        </div>
        <button
          type="button"
          className={buttonStyles.primary}
          disabled={blocked}
          onClick={() => run(() => actions.renderNewVersion({ jobId: job.id }))}
        >
          Render new version{plan && plan.totalUsd > 0 ? ` · ${formatCost(plan.totalUsd)}` : ""}
        </button>
      </div>
      {plan && (
        <div className="text-sm text-zinc-300" data-testid="version-estimate">
          <p>
            <span className="font-medium">Changes: </span>
            {describeChanges(plan.changedScenes, plan.musicChanged)}
          </p>
          <p className="text-zinc-400">
            {plan.clipsToRender.length === 0
              ? "Every clip is reused: only the stitch runs."
              : `New clips for scene ${plan.clipsToRender.join(", ")}; the others are reused.`}{" "}
            Estimated cost {formatCost(plan.totalUsd)}.
          </p>
          {plan.stillsMissing.length > 0 && (
            <p className="text-amber-300">Scene {plan.stillsMissing.join(", ")} has no still yet.</p>
          )}
        </div>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="music-bed" className={labelStyles}>
            Music bed
          </label>
          <select
            id="music-bed"
            className={inputStyles}
            disabled={!job.editable || busy}
            value=""
            onChange={(e) => {
              const value = e.target.value;
              if (value) run(() => actions.setMusic({ jobId: job.id, uploadId: value === "none" ? null : value }));
            }}
          >
            <option value="">{job.sound.music ? "Music: one of your sounds" : "No music"} — change…</option>
            <option value="none">No music</option>
            {sounds.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <AddSceneForm job={job} actions={actions} busy={busy} run={run} />
      </div>
      <StoryboardEditor job={job} actions={actions} busy={busy} run={run} mode="refine" />
    </section>
  );
}

function AddSceneForm({ job, actions, busy, run }: Props) {
  const [caption, setCaption] = useState("");
  const [imagePrompt, setImagePrompt] = useState("");
  const [motion, setMotion] = useState<string>(MOTIONS[0]);
  const [seconds, setSeconds] = useState("3");
  return (
    <details className="w-full rounded-md border border-zinc-800 p-3 sm:w-auto sm:min-w-80">
      <summary className="cursor-pointer text-sm font-medium text-zinc-200">Add a scene</summary>
      <form
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          run(() =>
            actions.addScene({
              jobId: job.id,
              scene: { caption, imagePrompt, motion: asMotion(motion), durationSec: Number(seconds) },
            }),
          );
          setCaption("");
          setImagePrompt("");
        }}
      >
        <div>
          <label htmlFor="new-caption" className={labelStyles}>
            Caption
          </label>
          <input
            id="new-caption"
            className={inputStyles}
            required
            maxLength={SCENE_LIMITS.captionMaxChars}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="new-prompt" className={labelStyles}>
            Image prompt
          </label>
          <textarea
            id="new-prompt"
            className={inputStyles}
            required
            rows={2}
            maxLength={SCENE_LIMITS.imagePromptMaxChars}
            value={imagePrompt}
            onChange={(e) => setImagePrompt(e.target.value)}
          />
        </div>
        <MotionAndLength idPrefix="new-scene" motion={motion} seconds={seconds} onMotion={setMotion} onSeconds={setSeconds} />
        <button type="submit" className={buttonStyles.secondary} disabled={!job.editable || busy}>
          Add and draw it
        </button>
      </form>
    </details>
  );
}
