import { getDb } from "@/lib/db/client";
import { readPolledJob } from "@/lib/db/hot-read";
import { invalidInput, notFound } from "@/lib/errors";
import { outlookForApproval } from "@/lib/costs/budget-outlook";
import { PRICED_JOB_FIELDS } from "@/lib/costs/work-cost";
import { spentTodayUsd } from "@/lib/costs/spend";
import { queuePositionOf, queuePositions } from "@/lib/queue/queue-position";
import { listVersions } from "@/lib/versions/version-view";
import { cachedJobViewBody, keepJobViewBody } from "./job-view-bodies";
import { jobEtag, toJobSummary, toJobView, type JobSummary, type JobView } from "./job-view";

/**
 * The polling hot path's first step: one primary-key lookup for the ETag (and a count while the job
 * waits in line, since its place changes without the job itself changing), on the poll's own read-only
 * connection when there is one (lib/db/hot-read.ts).
 */
export async function getJobEtag(
  userId: string,
  jobId: string,
  /** Read after any transaction this process has open, as a poll woken by a change signalled inside one must. */
  { afterOpenWrites = false } = {},
): Promise<string> {
  const db = getDb();
  const polled = afterOpenWrites ? null : readPolledJob(jobId);
  if (polled !== null && polled?.status !== "awaiting_approval") {
    if (!polled || polled.userId !== userId) throw notFound();
    return jobEtag(polled.id, polled.version, await queuePositionOf(db, polled));
  }
  const job = await db.job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      version: true,
      userId: true,
      status: true,
      createdAt: true,
      leaseExpiresAt: true,
      ...PRICED_JOB_FIELDS,
    },
  });
  if (!job || job.userId !== userId) throw notFound();
  // A storyboard's approval outlook changes with other jobs' spending and with an admin's limit, not with its version.
  const approval = job.status === "awaiting_approval" ? await outlookForApproval(job) : null;
  return jobEtag(job.id, job.version, await queuePositionOf(db, job), approval?.refusal ?? undefined);
}

export async function getJobView(userId: string, jobId: string): Promise<JobView> {
  return (await readJobView(userId, jobId)).view;
}

/** The view with the ETag of the same read, so an answer never pairs a body with another version's tag. */
async function readJobView(userId: string, jobId: string): Promise<{ view: JobView; etag: string }> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, include: { scenes: true } });
  if (!job || job.userId !== userId) throw notFound();
  const approval = job.status === "awaiting_approval" ? await outlookForApproval(job) : null;
  const queuePosition = await queuePositionOf(db, job);
  const view = toJobView(job, queuePosition, approval, await listVersions(db, job.id, job.currentVersion));
  return { view, etag: jobEtag(job.id, job.version, queuePosition, approval?.refusal ?? undefined) };
}

/**
 * The poll's 200 as JSON text: for an ETag just read (which checked the owner), the body already made for it,
 * or the view read afresh with its own ETag (lib/jobs/job-view-bodies.ts says when a body is kept).
 */
export async function getJobViewBody(userId: string, jobId: string, etag: string): Promise<{ body: string; etag: string }> {
  const cached = cachedJobViewBody(userId, etag);
  if (cached !== undefined) return { body: cached, etag };
  const read = await readJobView(userId, jobId);
  const body = JSON.stringify(read.view);
  if (read.view.status !== "awaiting_approval") keepJobViewBody(userId, read.etag, body);
  return { body, etag: read.etag };
}

export async function listJobs(
  userId: string,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<{ jobs: JobSummary[]; nextCursor: string | null; spentTodayUsd: number }> {
  if (cursor && !(await jobBelongsTo(userId, cursor))) {
    throw invalidInput("The cursor does not name a job in this list: start again without it.");
  }
  const rows = await getDb().job.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: { scenes: true },
  });
  const page = rows.slice(0, limit);
  const positions = await queuePositions(getDb());
  return {
    spentTodayUsd: await spentTodayUsd(userId),
    jobs: page.map((job) => toJobSummary(job, positions.get(job.id) ?? null)),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** Whether the job belongs to the client; used by the media route before it serves a byte. */
export async function jobBelongsTo(userId: string, jobId: string): Promise<boolean> {
  const job = await getDb().job.findUnique({ where: { id: jobId }, select: { userId: true } });
  return job?.userId === userId;
}
