"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import useSWR from "swr";
import { fetchJson } from "@/components/job/use-job";
import { formatCost } from "@/components/format";
import {
  DEFAULT_VOICE,
  ASPECT_RATIOS,
  DEFAULTS,
  PROMPT_LIMITS,
  SCENE_COUNT_LIMITS,
  STYLES,
  TARGET_SECONDS_LIMITS,
  countChars,
} from "@/lib/vocabulary";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import type { ClipModelOffer } from "@/lib/backends/replicate/clip-plan";
import { ClipPicker, type ClipSelection } from "./clip-picker";
import { SoundPicker, type SoundChoice } from "./sound-picker";

const ASPECT_HINTS: Record<string, string> = { "16:9": "Landscape", "9:16": "Vertical", "1:1": "Square" };

export type CostEstimate = {
  backend: string;
  totalUsd: number;
  lines: { label: string; usd: number }[];
  /** Today's budget: a refusal the storyboard would meet, or a warning that its clips may not fit. */
  budget?: { refusal: string | null; warning: string | null };
};

export function NewVideoForm({
  initialEstimate,
  clipOffers,
  initialClips,
}: {
  initialEstimate: CostEstimate;
  /** The clip models a person can choose from (Replicate back end only). */
  clipOffers?: ClipModelOffer[];
  initialClips?: ClipSelection;
}) {
  const router = useRouter();
  const [prompt, setPrompt] = useState("");
  const [sceneCount, setSceneCount] = useState<number>(DEFAULTS.sceneCount);
  const [aspectRatio, setAspectRatio] = useState<string>(DEFAULTS.aspectRatio);
  const [style, setStyle] = useState<string>(DEFAULTS.style);
  const [targetSeconds, setTargetSeconds] = useState("");
  const [clips, setClips] = useState<ClipSelection | undefined>(initialClips);
  const [sound, setSound] = useState<SoundChoice>({
    narration: false,
    voice: DEFAULT_VOICE,
    musicUploadId: "",
    referenceUploadId: "",
  });
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const validTarget =
    /^\d+$/.test(targetSeconds) &&
    Number(targetSeconds) >= TARGET_SECONDS_LIMITS.min &&
    Number(targetSeconds) <= TARGET_SECONDS_LIMITS.max;
  const query = new URLSearchParams({ sceneCount: String(sceneCount), ...(validTarget ? { targetSeconds } : {}) });
  if (clips) Object.entries({ ...clips, aspectRatio }).forEach(([key, value]) => query.set(key, value));
  if (sound.narration) query.set("narration", "true");
  if (sound.referenceUploadId) query.set("reference", "true");
  const { data: estimate, error: estimateError } = useSWR<CostEstimate>(`/api/estimate?${query}`, fetchJson, {
    keepPreviousData: true,
  });
  const shown = estimate ?? initialEstimate;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setSubmitting(true);
    try {
      const response = await fetch("/api/jobs", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          prompt,
          sceneCount,
          aspectRatio,
          style,
          ...(targetSeconds ? { targetSeconds: Number(targetSeconds) } : {}),
          ...clips,
          ...(sound.narration ? { narration: true, voice: sound.voice } : {}),
          ...(sound.musicUploadId ? { musicUploadId: sound.musicUploadId } : {}),
          ...(sound.referenceUploadId ? { referenceUploadId: sound.referenceUploadId } : {}),
        }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(body?.error?.message ?? "The job could not be created.");
      router.push(`/jobs/${body.id}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The job could not be created.");
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <div>
        <label htmlFor="prompt" className={labelStyles}>
          Prompt
        </label>
        <textarea
          id="prompt"
          name="prompt"
          rows={6}
          required
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          placeholder="A lighthouse keeper watches a storm roll in over the sea. At night the lamp fails…"
          className={inputStyles}
          aria-describedby="prompt-hint"
        />
        {/* No maxLength: the browser counts UTF-16 units, the limit counts characters (an emoji is one). */}
        <p
          id="prompt-hint"
          className={`mt-1 text-xs ${countChars(prompt) > PROMPT_LIMITS.maxChars ? "text-red-300" : "text-zinc-500"}`}
        >
          Describe the story; each sentence tends to become a scene. {countChars(prompt).toLocaleString("en-US")}/
          {PROMPT_LIMITS.maxChars.toLocaleString("en-US")}
        </p>
      </div>

      <div className="grid gap-6 sm:grid-cols-3">
        <div>
          <label htmlFor="sceneCount" className={labelStyles}>
            Scenes
          </label>
          <select
            id="sceneCount"
            value={sceneCount}
            onChange={(e) => setSceneCount(Number(e.target.value))}
            className={inputStyles}
          >
            {Array.from(
              { length: SCENE_COUNT_LIMITS.max - SCENE_COUNT_LIMITS.min + 1 },
              (_, i) => SCENE_COUNT_LIMITS.min + i,
            ).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="style" className={labelStyles}>
            Style
          </label>
          <select id="style" value={style} onChange={(e) => setStyle(e.target.value)} className={inputStyles}>
            {STYLES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0).toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="targetSeconds" className={labelStyles}>
            Target length (seconds, optional)
          </label>
          <input
            id="targetSeconds"
            type="number"
            min={TARGET_SECONDS_LIMITS.min}
            max={TARGET_SECONDS_LIMITS.max}
            value={targetSeconds}
            placeholder="auto"
            onChange={(e) => setTargetSeconds(e.target.value)}
            className={inputStyles}
          />
        </div>
      </div>

      <fieldset>
        <legend className={labelStyles}>Aspect ratio</legend>
        <div className="flex flex-wrap gap-3">
          {ASPECT_RATIOS.map((ratio) => (
            <label
              key={ratio}
              className={`flex cursor-pointer items-center gap-2 rounded-md border px-4 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-violet-400 ${aspectRatio === ratio ? "border-violet-500 bg-violet-500/10" : "border-zinc-700 bg-zinc-900"}`}
            >
              <input
                type="radio"
                name="aspectRatio"
                value={ratio}
                checked={aspectRatio === ratio}
                onChange={() => setAspectRatio(ratio)}
                className="sr-only"
              />
              <span className="font-medium">{ratio}</span>
              <span className="text-zinc-400">{ASPECT_HINTS[ratio]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <SoundPicker value={sound} onChange={setSound} />

      {clips && clipOffers && <ClipPicker offers={clipOffers} value={clips} aspectRatio={aspectRatio} onChange={setClips} />}

      {error && (
        <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200">
          {error}
        </p>
      )}

      {estimate?.budget?.refusal && (
        <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200">
          {estimate.budget.refusal}
        </p>
      )}
      {estimate?.budget?.warning && (
        <p role="status" className="rounded-md border border-amber-800/70 bg-amber-950/30 px-4 py-3 text-sm text-amber-100">
          {estimate.budget.warning}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-4 border-t border-zinc-800 pt-6">
        <p className="text-sm text-zinc-400">
          <span className="font-medium text-zinc-200">Estimated cost:</span>{" "}
          <span data-testid="cost-estimate">
            {shown.backend === "local"
              ? "Free: the local back end draws and renders on this machine."
              : estimateError
                ? "not available for these settings"
                : `about ${formatCost(shown.totalUsd)}`}
          </span>
          {estimateError && <span className="block text-xs text-red-300">{estimateError.message}</span>}
          {shown.backend !== "local" && !estimateError && (
            <span className="block text-xs text-zinc-500">
              {shown.lines.map((l) => `${l.label} ${formatCost(l.usd)}`).join(" · ")}. Nothing is spent on clips until you approve
              the storyboard.
            </span>
          )}
        </p>
        <button type="submit" className={buttonStyles.primary} disabled={submitting || Boolean(estimate?.budget?.refusal)}>
          {submitting ? "Creating…" : "Create storyboard"}
        </button>
      </div>
    </form>
  );
}
