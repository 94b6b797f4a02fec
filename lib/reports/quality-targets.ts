/** The original plan's business targets: 70% of storyboards approved, about 1.5 refinements per video. */
export const TARGET_APPROVAL_RATE = 0.7;
export const TARGET_REFINEMENTS_PER_VIDEO = 1.5;
/** "About 1.5": an average this close to the target is on it. */
export const REFINEMENT_TOLERANCE = 0.25;

export type Standing = "no_data" | "on_target" | "below" | "above";

export interface Verdict {
  standing: Standing;
  /** The verdict in plain words, as the page shows it. */
  text: string;
}

const wholePercent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export function approvalVerdict(approved: number, reached: number): Verdict {
  if (reached === 0) return { standing: "no_data", text: "No storyboards reviewed yet." };
  const counted = `${approved} of ${reached} ${reached === 1 ? "storyboard was" : "storyboards were"} approved`;
  return approved / reached >= TARGET_APPROVAL_RATE
    ? { standing: "on_target", text: `On target: ${counted}.` }
    : { standing: "below", text: `Below the ${wholePercent(TARGET_APPROVAL_RATE)} target: ${counted}.` };
}

export function refinementVerdict(perVideo: number | null): Verdict {
  if (perVideo === null) return { standing: "no_data", text: "No finished videos yet." };
  const target = `about ${TARGET_REFINEMENTS_PER_VIDEO}`;
  if (Math.abs(perVideo - TARGET_REFINEMENTS_PER_VIDEO) <= REFINEMENT_TOLERANCE + 1e-9) {
    return { standing: "on_target", text: `On target (${target}).` };
  }
  return perVideo < TARGET_REFINEMENTS_PER_VIDEO
    ? { standing: "below", text: `Below the target of ${target}: videos are refined less often than the plan expects.` }
    : { standing: "above", text: `Above the target of ${target}: videos are refined more often than the plan expects.` };
}

/** How each figure is counted, in the words the page shows beside it. */
export const QUALITY_DEFINITIONS = {
  approval:
    "of the storyboards made in these 30 days that were ready for review (leaving out those set to approve themselves), the share approved for rendering.",
  refinements: "versions rendered after the first, per video made in these 30 days whose first version finished.",
  versions: "how many finished versions each of those videos has.",
  cost: "what the calls made for a second or later version cost in these 30 days, and their share of all spend.",
} as const;
