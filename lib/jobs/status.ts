import { JobStatus, StepStatus } from "@/lib/db/generated/enums";

// The statuses are the schema's enums (prisma/schema.prisma): the database, the client and this module share one list.
export { JobStatus, StepStatus };
export const JOB_STATUSES = Object.values(JobStatus);

export const FINAL_STATUSES: readonly JobStatus[] = ["completed", "failed", "canceled"];
/** Statuses in which the runner has work to do. */
export const RUNNABLE_STATUSES: readonly JobStatus[] = ["queued", "parsing", "storyboarding", "rendering", "stitching"];

const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ["parsing", "failed", "canceled"],
  parsing: ["storyboarding", "failed", "canceled"],
  // autoApprove skips the human review and goes straight to rendering; a still redrawn on a finished video
  // returns the job to completed, its draft of the next version one still further on.
  storyboarding: ["awaiting_approval", "rendering", "completed", "failed", "canceled"],
  // Regenerating a scene sends the job back to storyboarding for that still.
  awaiting_approval: ["rendering", "storyboarding", "failed", "canceled"],
  // A new version canceled while it renders leaves the job completed, playing the version it had.
  rendering: ["stitching", "completed", "failed", "canceled"],
  stitching: ["completed", "failed", "canceled"],
  // Refining a finished video: a still redrawn, or a new version rendered.
  completed: ["storyboarding", "rendering"],
  // "Retry" resumes a failed job at the stage it failed in, keeping everything already made.
  // Making an earlier version current sets a failed new version aside.
  failed: ["parsing", "storyboarding", "rendering", "stitching", "completed"],
  canceled: [],
};

/** Where a person may change the scenes: while the storyboard waits, and on a finished (or failed) video. */
export const EDITABLE_STATUSES: readonly JobStatus[] = ["awaiting_approval", "completed", "failed"];

export function isFinalStatus(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isRunnableStatus(status: JobStatus): boolean {
  return RUNNABLE_STATUSES.includes(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const STAGE_LABELS: Record<JobStatus, string> = {
  queued: "Waiting in queue",
  parsing: "Writing scenes",
  storyboarding: "Drawing storyboard",
  awaiting_approval: "Waiting for your approval",
  rendering: "Rendering clips",
  stitching: "Stitching the final video",
  completed: "Completed",
  failed: "Failed",
  canceled: "Canceled",
};

export function notEditableNow(status: JobStatus): string {
  const stage = STAGE_LABELS[status].toLowerCase();
  return `The scenes can be changed while the storyboard waits for approval or once the video is finished; this job is "${stage}".`;
}
