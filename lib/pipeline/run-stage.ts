import type { JobStatus } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition-job";
import { drawStoryboardStep } from "./draw-storyboard-step";
import { renderClipsStep } from "./render-clips-step";
import { fencedWrite, type StepContext } from "./step-context";
import { stitchStep } from "./stitch-step";
import { writeScenesStep } from "./write-scenes-step";

const STEPS: Partial<Record<JobStatus, (ctx: StepContext) => Promise<void>>> = {
  queued: (ctx) =>
    fencedWrite(ctx, (tx) => transitionJob(tx, ctx.jobId, "queued", "parsing", { leaseToken: ctx.leaseToken })).then(
      () => undefined,
    ),
  parsing: writeScenesStep,
  storyboarding: drawStoryboardStep,
  rendering: renderClipsStep,
  stitching: stitchStep,
};

/** Advances a job by one stage. Each step resumes from what is already done, so running it again is safe. */
export async function runStage(status: JobStatus, ctx: StepContext): Promise<boolean> {
  const step = STEPS[status];
  if (!step) return false;
  await step(ctx);
  return true;
}
