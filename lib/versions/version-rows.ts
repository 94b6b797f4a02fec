import type { Prisma } from "@/lib/db/generated/client";
import { toVersionScenes, type VersionStatus } from "./version-scenes";

type Tx = Prisma.TransactionClient;

/**
 * The row of the version a render works on: the job's draft version. Made here when rendering starts without one
 * (the first render, approved or auto-approved); a version started from the page already has its row.
 */
export async function ensureRenderingVersion(
  tx: Tx,
  job: { id: string; draftVersion: number; currentVersion: number | null; musicKey: string | null },
): Promise<void> {
  await tx.jobVersion.upsert({
    where: { jobId_number: { jobId: job.id, number: job.draftVersion } },
    create: { jobId: job.id, number: job.draftVersion, basedOn: job.currentVersion, musicKey: job.musicKey },
    update: { status: "rendering" satisfies VersionStatus, musicKey: job.musicKey },
  });
}

/** The draft version is stitched: it records what it was made of, becomes current, and the next draft opens. */
export async function completeVersion(
  tx: Tx,
  jobId: string,
  files: { videoKey: string; posterKey: string; durationSec: number },
): Promise<number> {
  const job = await tx.job.findUniqueOrThrow({
    where: { id: jobId },
    select: { draftVersion: true, musicKey: true, scenes: true },
  });
  const number = job.draftVersion;
  const data = {
    status: "completed" satisfies VersionStatus,
    scenes: JSON.stringify(toVersionScenes(job.scenes)),
    musicKey: job.musicKey,
    ...files,
    completedAt: new Date(),
  };
  await tx.jobVersion.upsert({
    where: { jobId_number: { jobId, number } },
    create: { jobId, number, ...data },
    update: data,
  });
  await tx.job.update({ where: { id: jobId }, data: { currentVersion: number, draftVersion: number + 1 } });
  return number;
}

/** A render that stopped (failed or canceled) leaves its version row saying so; the job keeps its current version. */
export async function endDraftVersion(
  tx: Tx,
  jobId: string,
  status: Extract<VersionStatus, "failed" | "canceled">,
): Promise<void> {
  const job = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { draftVersion: true } });
  await tx.jobVersion.updateMany({ where: { jobId, number: job.draftVersion, status: "rendering" }, data: { status } });
}
