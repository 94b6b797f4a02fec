import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { removeKey } from "@/lib/storage/file-storage";

/** Whether a finished version of the job plays this file (a still, clip, narration or music bed it was made of). */
export async function isKeptByVersion(db: Db | Prisma.TransactionClient, jobId: string, key: string): Promise<boolean> {
  const count = await db.jobVersion.count({
    where: { jobId, status: "completed", OR: [{ scenes: { contains: JSON.stringify(key) } }, { musicKey: key }] },
  });
  return count > 0;
}

/** Removes a file the draft no longer uses, unless an earlier version still plays it: versions never lose files. */
export async function removeUnlessKept(db: Db | Prisma.TransactionClient, jobId: string, key: string): Promise<void> {
  if (!(await isKeptByVersion(db, jobId, key))) await removeKey(key);
}
