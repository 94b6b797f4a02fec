import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toJobSummary, toJobView, type JobSummary, type JobView } from "./job-view";

/** The polling hot path's first step: one primary-key lookup for the ETag. */
export async function getJobVersion(clientId: string, jobId: string): Promise<number> {
  const job = await getDb().job.findUnique({ where: { id: jobId }, select: { version: true, clientId: true } });
  if (!job || job.clientId !== clientId) throw notFound();
  return job.version;
}

export async function getJobView(clientId: string, jobId: string): Promise<JobView> {
  const job = await getDb().job.findUnique({ where: { id: jobId }, include: { scenes: true } });
  if (!job || job.clientId !== clientId) throw notFound();
  return toJobView(job);
}

export async function listJobs(
  clientId: string,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<{ jobs: JobSummary[]; nextCursor: string | null }> {
  const rows = await getDb().job.findMany({
    where: { clientId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: { scenes: true },
  });
  const page = rows.slice(0, limit);
  return { jobs: page.map(toJobSummary), nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

/** Whether the job belongs to the client; used by the media route before it serves a byte. */
export async function jobBelongsTo(clientId: string, jobId: string): Promise<boolean> {
  const job = await getDb().job.findUnique({ where: { id: jobId }, select: { clientId: true } });
  return job?.clientId === clientId;
}
