import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { notifyJobChanged } from "./job-change-signal";
import { canTransition, type JobStatus } from "./status";

type Writer = Db | Prisma.TransactionClient;

/**
 * Stages that spend nothing more until someone acts: whatever money the job still holds for the step that just
 * ended (finished, failed or canceled) goes back to the day's budget as it enters them.
 */
const RELEASES_BUDGET: ReadonlySet<JobStatus> = new Set(["awaiting_approval", "stitching", "completed", "failed", "canceled"]);

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
  const result = await db.job.updateMany({
    where: {
      id: jobId,
      status: { in: [...fromList] },
      ...(options.leaseToken ? { leaseToken: options.leaseToken } : {}),
      ...(options.userId ? { userId: options.userId } : {}),
    },
    data: { ...options.data, ...(RELEASES_BUDGET.has(to) ? { reservedUsd: 0 } : {}), status: to, version: { increment: 1 } },
  });
  if (result.count === 1) notifyJobChanged(jobId);
  return result.count === 1;
}
