import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { queueJobEvent } from "@/lib/outgoing-webhooks/queue-webhook-event";
import type { WebhookEvent } from "@/lib/outgoing-webhooks/webhook-events";
import { notifyJobChanged } from "./job-change-signal";
import { canTransition, type JobStatus } from "./status";

type Writer = Db | Prisma.TransactionClient;

/**
 * Stages that spend nothing more until someone acts: whatever money the job still holds for the step that just
 * ended (finished, failed or canceled) goes back to the day's budget as it enters them.
 */
const RELEASES_BUDGET: ReadonlySet<JobStatus> = new Set(["awaiting_approval", "stitching", "completed", "failed", "canceled"]);

/** The stages a person's programs hear of (outgoing webhooks), queued in the same transaction as the change. */
const EVENT_ON_ENTRY: Partial<Record<JobStatus, WebhookEvent>> = {
  awaiting_approval: "video.storyboard_ready",
  completed: "video.completed",
  failed: "video.failed",
};

export interface TransitionOptions {
  /** Fencing: only the runner holding this lease may write. */
  leaseToken?: string;
  /** Only for this owner (user-facing actions). */
  userId?: string;
  data?: Prisma.JobUpdateManyMutationInput;
}

/**
 * The one place a job changes status: a conditional write on the expected previous status,
 * so a double click or a second runner cannot advance a job twice. Returns false when the job
 * was not in `from` (or the lease/owner did not match); nothing is written then.
 */
export async function transitionJob(
  db: Writer,
  jobId: string,
  from: JobStatus | readonly JobStatus[],
  to: JobStatus,
  options: TransitionOptions = {},
): Promise<boolean> {
  const fromList: readonly JobStatus[] = typeof from === "string" ? [from] : from;
  for (const f of fromList) {
    if (!canTransition(f, to)) throw new Error(`Illegal job transition ${f} -> ${to}`);
  }
  const event = EVENT_ON_ENTRY[to];
  const write = async (writer: Writer) => {
    const result = await writer.job.updateMany({
      where: {
        id: jobId,
        status: { in: [...fromList] },
        ...(options.leaseToken ? { leaseToken: options.leaseToken } : {}),
        ...(options.userId ? { userId: options.userId } : {}),
      },
      data: { ...options.data, ...(RELEASES_BUDGET.has(to) ? { reservedUsd: 0 } : {}), status: to, version: { increment: 1 } },
    });
    if (result.count === 1 && event) await queueJobEvent(writer as Prisma.TransactionClient, jobId, event);
    return result.count === 1;
  };
  const changed = event && "$transaction" in db ? await db.$transaction((tx) => write(tx)) : await write(db);
  if (changed) notifyJobChanged(jobId);
  return changed;
}
