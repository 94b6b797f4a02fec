import { invalidInput } from "@/lib/errors";
import { ownEntry } from "@/lib/util/own-entry";
import type { AspectRatio, Continuity } from "@/lib/vocabulary";
import { allowedDurations, CLIP_MODELS, type ClipModel, type ClipTier } from "./model-table";

/** How a job's clips are made, as a person chose it in the wizard (or the configuration's default). */
export interface ClipChoice {
  model: ClipModel;
  resolution: string;
  continuity: Continuity;
}

const list = (items: readonly string[]) => items.join(", ");

/**
 * The person's clip choices checked against what the model offers: a resolution it has, "continuous"
 * only where it takes a last frame, an aspect ratio it makes. Refusals are sentences a person can act on.
 */
export function chooseClips(
  model: ClipModel,
  wanted: { resolution?: string | null; continuity?: Continuity | null },
  aspectRatio?: AspectRatio,
): ClipChoice {
  const resolution = wanted.resolution ?? model.defaultResolution;
  const tier = ownEntry(model.tiers, resolution);
  if (!tier) throw invalidInput(`${model.label} makes ${list(Object.keys(model.tiers))} video, not ${resolution}.`);
  const continuity = wanted.continuity ?? "none";
  if (continuity === "continuous" && !tier.endFrame) {
    const withEnd = Object.entries(model.tiers).filter(([, t]) => t.endFrame);
    throw invalidInput(
      `${model.label} at ${resolution} cannot end a clip on a chosen frame, so scenes cannot be continuous` +
        (withEnd.length ? ` (choose ${list(withEnd.map(([r]) => r))}, or chained scenes).` : "; choose chained scenes."),
    );
  }
  if (aspectRatio && model.aspectRatios && !model.aspectRatios.includes(aspectRatio)) {
    throw invalidInput(`${model.label} makes ${list(model.aspectRatios)} video only, not ${aspectRatio}.`);
  }
  return { model, resolution, continuity };
}

export function tierOf(choice: Pick<ClipChoice, "model" | "resolution">): ClipTier {
  return ownEntry(choice.model.tiers, choice.resolution)!;
}

/** Whether the clip of this scene ends on the next scene's still. */
export const endsOnNextStill = (choice: Pick<ClipChoice, "continuity">, isLastScene: boolean) =>
  choice.continuity === "continuous" && !isLastScene;

/** The lengths one clip may have: fewer when it must end on the next scene's still and the model says so. */
export function clipDurations(choice: ClipChoice, isLastScene: boolean): readonly number[] {
  return allowedDurations(choice.model, choice.resolution, endsOnNextStill(choice, isLastScene));
}

/** What the wizard offers: every clip model with its resolutions, prices, lengths and continuity options. */
export interface ClipModelOffer {
  ref: string;
  label: string;
  defaultResolution: string;
  aspectRatios: readonly AspectRatio[] | null;
  endFrameDurations: readonly number[] | null;
  tiers: { resolution: string; perSecondUsd: number; durations: readonly number[]; endFrame: boolean }[];
}

export function clipModelOffers(): ClipModelOffer[] {
  return Object.values(CLIP_MODELS as Record<string, ClipModel>).map((m) => ({
    ref: m.ref,
    label: m.label,
    defaultResolution: m.defaultResolution,
    aspectRatios: m.aspectRatios ?? null,
    endFrameDurations: m.endFrameDurations ?? null,
    tiers: Object.entries(m.tiers).map(([resolution, t]) => ({ resolution, ...t })),
  }));
}
