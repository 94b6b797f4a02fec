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
