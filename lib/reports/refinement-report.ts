import type { JobStatus, Prisma } from "@/lib/db/generated/client";
import { getDb, type Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { lastBudgetDays } from "@/lib/costs/budget-day";
import {
  approvalVerdict,
  QUALITY_DEFINITIONS,
  refinementVerdict,
  REFINEMENT_TOLERANCE,
  TARGET_APPROVAL_RATE,
  TARGET_REFINEMENTS_PER_VIDEO,
} from "./quality-targets";

const REPORT_DAYS = 30;

export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

interface Window {
  since: Date;
  until: Date;
}

/** Stages a storyboard is ready for review in or past; and those past its approval. */
const REVIEWED: JobStatus[] = ["awaiting_approval", "rendering", "stitching", "completed"];
const APPROVED: JobStatus[] = ["rendering", "stitching", "completed"];

/** Jobs whose status, or whose failedStage when they failed or were canceled, is one of `stages`; or that have a version. */
const reachedOneOf = (stages: JobStatus[]): Prisma.JobWhereInput => ({
  OR: [
    { status: { in: stages } },
    { status: { in: ["failed", "canceled"] }, failedStage: { in: stages } },
    { versions: { some: {} } },
  ],
});

async function approvalFigures(db: Db, jobs: Prisma.JobWhereInput) {
  const reviewable: Prisma.JobWhereInput = { ...jobs, autoApprove: false };
  const [reached, approved, awaiting] = await Promise.all([
    db.job.count({ where: { AND: [reviewable, reachedOneOf(REVIEWED)] } }),
    db.job.count({ where: { AND: [reviewable, reachedOneOf(APPROVED)] } }),
    db.job.count({ where: { ...reviewable, status: "awaiting_approval", versions: { none: {} } } }),
  ]);
  return {
    reached,
    approved,
    /** Still waiting for a decision: counted as reached, not (yet) as approved. */
    awaiting,
    /** Canceled, or failed, while waiting for approval. */
    declined: reached - approved - awaiting,
    rate: reached ? approved / reached : null,
    targetRate: TARGET_APPROVAL_RATE,
    verdict: approvalVerdict(approved, reached),
  };
}

async function refinementFigures(db: Db, jobs: Prisma.JobWhereInput) {
  // One row per video: its finished versions and the lowest one's number (1 when its first cut finished).
  const perJob = await db.jobVersion.groupBy({
    by: ["jobId"],
    where: { status: "completed", job: jobs },
    _count: { _all: true },
    _min: { number: true },
  });
  const videos = perJob.filter((row) => row._min.number === 1).map((row) => row._count._all);
  const refinements = videos.reduce((sum, versions) => sum + versions - 1, 0);
  const perVideo = videos.length ? refinements / videos.length : null;
  return {
    videos: videos.length,
    refinements,
    perVideo,
    target: TARGET_REFINEMENTS_PER_VIDEO,
    tolerance: REFINEMENT_TOLERANCE,
    versions: {
      one: videos.filter((n) => n === 1).length,
      two: videos.filter((n) => n === 2).length,
      threeOrMore: videos.filter((n) => n >= 3).length,
    },
    verdict: refinementVerdict(perVideo),
  };
}

async function refinementCost(db: Db, scope: Prisma.JobWhereInput, window: Window) {
  const byVersion = await db.generation.groupBy({
    by: ["versionNumber"],
    where: { startedAt: { gte: window.since, lt: window.until }, job: scope },
    _sum: { costUsd: true },
  });
  let usd = 0;
  let totalUsd = 0;
  for (const row of byVersion) {
    const cost = row._sum.costUsd ?? 0;
    totalUsd += cost;
    // Calls from before versions existed have no number: they were for the first cut.
    if ((row.versionNumber ?? 1) >= 2) usd += cost;
  }
  return { usd, totalUsd, share: totalUsd > 0 ? usd / totalUsd : null };
}

/** Approval, refinement and what refining cost, for the jobs `scope` selects, over `window`. */
export async function measureQuality(db: Db, scope: Prisma.JobWhereInput, window: Window) {
  const created: Prisma.JobWhereInput = { ...scope, createdAt: { gte: window.since, lt: window.until } };
  const [approval, refinements, cost] = await Promise.all([
    approvalFigures(db, created),
    refinementFigures(db, created),
    refinementCost(db, scope, window),
  ]);
  return { approval, refinements, cost };
}

export type QualityFigures = Awaited<ReturnType<typeof measureQuality>>;

/** The 30 budget days the spend report covers, ending with today's. */
export function reportWindow(now: Date, timeZone: string): Window {
  const days = lastBudgetDays(now, timeZone, REPORT_DAYS);
  return { since: days[0]!.start, until: days[days.length - 1]!.end };
}

/**
 * How often storyboards are approved and videos refined, next to the original plan's targets: one's own
 * jobs for everyone, and the whole studio's as well for admins.
 */
export async function refinementReport(viewer: Viewer, now = new Date()) {
  const db = getDb();
  const window = reportWindow(now, getEnv().BUDGET_TIMEZONE);
  const [self, studio] = await Promise.all([
    measureQuality(db, { userId: viewer.userId }, window),
    viewer.isAdmin ? measureQuality(db, {}, window) : null,
  ]);
  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    definitions: QUALITY_DEFINITIONS,
    self,
    studio,
  };
}

export type RefinementReport = Awaited<ReturnType<typeof refinementReport>>;
