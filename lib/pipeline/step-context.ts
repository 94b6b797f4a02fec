import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import type { GenerationBackend } from "@/lib/backends/types";
import { notifyJobChanged } from "@/lib/jobs/job-change-signal";

export interface StepContext {
  db: Db;
  jobId: string;
  leaseToken: string;
  signal: AbortSignal;
  backend: GenerationBackend;
}

/** The lease was taken over or cleared (the job was canceled): stop quietly, write nothing more. */
export class LeaseLostError extends Error {
  constructor() {
    super("The job's lease is no longer held by this runner.");
    this.name = "LeaseLostError";
  }
}

/** The lease was cleared because a person canceled the job: calls cut short are recorded as canceled. */
export class JobCanceledError extends LeaseLostError {
  constructor() {
    super();
    this.message = "The job was canceled.";
    this.name = "JobCanceledError";
  }
}

/** A step failure with a sentence a person can read; the cause stays in the server log. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly sceneId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StepError";
  }
}

/** "Drawing the still for scene 2 failed: Replicate refused the API token…" when the cause says why in plain words. */
export function explainFailure(summary: string, cause: unknown): string {
  const why = (cause as { userMessage?: unknown } | null)?.userMessage;
  return typeof why === "string" && why ? `${summary.replace(/\.$/, "")}: ${why}` : summary;
}

/**
 * Runs `write` in a transaction that first proves this runner still holds the lease (and bumps the
 * job's version, so pollers see the change).
 */
export async function fencedWrite<T>(ctx: StepContext, write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return ctx.db.$transaction(async (tx) => {
    const held = await tx.job.updateMany({
      where: { id: ctx.jobId, leaseToken: ctx.leaseToken },
      data: { version: { increment: 1 } },
    });
    if (held.count === 0) throw new LeaseLostError();
    notifyJobChanged(ctx.jobId);
    return write(tx);
  });
}
