export const JOB_STATUSES = [
  "queued",
  "parsing",
  "storyboarding",
  "awaiting_approval",
  "rendering",
  "stitching",
  "completed",
  "failed",
  "canceled",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FINAL_STATUSES: readonly JobStatus[] = ["completed", "failed", "canceled"];
/** Statuses in which the runner has work to do. */
export const RUNNABLE_STATUSES: readonly JobStatus[] = ["queued", "parsing", "storyboarding", "rendering", "stitching"];

export type StepStatus = "pending" | "generating" | "ready" | "failed";

const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ["parsing", "failed", "canceled"],
  parsing: ["storyboarding", "failed", "canceled"],
  // autoApprove skips the human review and goes straight to rendering.
  storyboarding: ["awaiting_approval", "rendering", "failed", "canceled"],
  // Regenerating a scene sends the job back to storyboarding for that still.
  awaiting_approval: ["rendering", "storyboarding", "failed", "canceled"],
  rendering: ["stitching", "failed", "canceled"],
  stitching: ["completed", "failed", "canceled"],
  completed: [],
  // "Retry" resumes a failed job at the stage it failed in, keeping everything already made.
  failed: ["parsing", "storyboarding", "rendering", "stitching"],
  canceled: [],
};

export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

export function isFinalStatus(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
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
