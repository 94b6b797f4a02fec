import type { Backend, Continuity } from "@/lib/db/generated/enums";
import { predictTimeMaxCostUsd } from "@/lib/backends/replicate/billing";
import { tierOf, type ClipChoice } from "@/lib/backends/replicate/clip-plan";
import { resolveModels, type Models } from "@/lib/backends/replicate/configured-models";
import { sceneWriterHoldUsd } from "@/lib/backends/replicate/replicate-scene-writer";
import { clipLengths } from "./estimate-cost";

/** The columns of a job that say what its work costs: the models and clip settings it was created with. */
export interface PricedJob {
  backend: Backend;
  sceneCount: number;
  writerModel: string | null;
  stillModel: string | null;
  clipModel: string | null;
  clipResolution: string | null;
  continuity: Continuity;
  voice: string | null;
  narratorModel: string | null;
}

export const PRICED_JOB_FIELDS = {
  backend: true,
  sceneCount: true,
  writerModel: true,
  stillModel: true,
  clipModel: true,
  clipResolution: true,
  continuity: true,
  voice: true,
  narratorModel: true,
} as const;

function pricesOf(job: PricedJob): { models: Models; clips: ClipChoice } | null {
  if (job.backend === "local" || !job.writerModel || !job.stillModel || !job.clipModel) return null;
  const models = resolveModels({
    writer: job.writerModel,
    still: job.stillModel,
    clip: job.clipModel,
    ...(job.narratorModel ? { narrator: job.narratorModel } : {}),
  });
  const resolution = job.clipResolution ?? models.clip.defaultResolution;
  return { models, clips: { model: models.clip, resolution, continuity: job.continuity } };
}

/**
 * The most the scene writer's call can cost and one still per scene: held when the job is created. Holds are of
 * the most a call can be billed, never its typical cost, so no bill can pass what the daily caps were checked for.
 */
export function draftCostUsd(job: PricedJob): number {
  const prices = pricesOf(job);
  if (!prices) return 0;
  return sceneWriterHoldUsd(prices.models.writer) + stillsCostUsd(job, job.sceneCount);
}

export function stillsCostUsd(job: PricedJob, count: number): number {
  return count * (pricesOf(job)?.models.still.perImageUsd ?? 0);
}

/** A scene as the rendering step finds it: whether its clip is made, and whether its caption is still to speak. */
export interface SceneWork {
  durationSec: number;
  clipStatus: string;
  narrationDue: boolean;
}

/** The clips still to make, at the lengths the model will bill for these scenes (all of them, in order), and the narration due. */
export function clipsCostUsd(job: PricedJob, scenes: readonly SceneWork[]): number {
  const prices = pricesOf(job);
  if (!prices) return 0;
  const lengths = clipLengths(
    prices.clips,
    scenes.map((s) => s.durationSec),
  );
  const perSecond = tierOf(prices.clips).perSecondUsd;
  const spoken = predictTimeMaxCostUsd(prices.models.narrator);
  return lengths.reduce(
    (sum, seconds, i) =>
      sum + (scenes[i]!.clipStatus === "ready" ? 0 : seconds * perSecond) + (scenes[i]!.narrationDue ? spoken : 0),
    0,
  );
}
