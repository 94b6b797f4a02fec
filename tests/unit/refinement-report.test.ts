import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import type { JobStatus } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { approvalVerdict, refinementVerdict } from "@/lib/reports/quality-targets";
import { measureQuality, refinementReport, reportWindow } from "@/lib/reports/refinement-report";

const ALICE = "alice";
const BOB = "bob";
// Noon on the last day of November, UTC: the 30 days run from November 1 to the end of November 30.
const NOW = new Date("2026-11-30T12:00:00Z");
const SINCE = new Date("2026-11-01T00:00:00Z");
const UNTIL = new Date("2026-12-01T00:00:00Z");
const INSIDE = new Date("2026-11-15T10:00:00Z");

before(async () => {
  prepareFreshDataDir("refinement-report");
  process.env.BUDGET_TIMEZONE = "UTC";
  for (const id of [ALICE, BOB]) {
    await getDb().user.create({ data: { id, name: id, email: `${id}@example.com` } });
  }
});
beforeEach(() => getDb().job.deleteMany());

const db = () => getDb();
const window = () => reportWindow(NOW, "UTC");
const measure = (userId = ALICE) => measureQuality(db(), { userId }, window());

interface JobSpec {
  status: JobStatus;
  failedStage?: JobStatus;
  autoApprove?: boolean;
  createdAt?: Date;
  userId?: string;
  /** Statuses of its versions v1, v2, ... */
  versions?: string[];
}

async function job(spec: JobSpec): Promise<string> {
  const { id } = await db().job.create({
    data: {
      userId: spec.userId ?? ALICE,
      prompt: "A heron waits by the reeds.",
      style: "cinematic",
      aspectRatio: "16:9",
      sceneCount: 2,
      seed: 1,
      backend: "local",
      status: spec.status,
      failedStage: spec.failedStage ?? null,
      autoApprove: spec.autoApprove ?? false,
      createdAt: spec.createdAt ?? INSIDE,
    },
  });
  for (const [i, status] of (spec.versions ?? []).entries()) {
    await db().jobVersion.create({ data: { jobId: id, number: i + 1, status } });
  }
  return id;
}

async function call(jobId: string, usd: number, versionNumber: number | null, startedAt = INSIDE) {
  await db().generation.create({
    data: { jobId, kind: "clip", backend: "local", model: "m", inputHash: "h", costUsd: usd, versionNumber, startedAt },
  });
}

const near = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

describe("the approval and refinement report", () => {
  it("says there is nothing yet when there are no jobs, with no NaN anywhere", async () => {
    const figures = await measure();
    assert.deepEqual(figures.approval, {
      reached: 0,
      approved: 0,
      awaiting: 0,
      declined: 0,
      rate: null,
      targetRate: 0.7,
      verdict: { standing: "no_data", text: "No storyboards reviewed yet." },
    });
    assert.equal(figures.refinements.videos, 0);
    assert.equal(figures.refinements.perVideo, null);
    assert.deepEqual(figures.refinements.versions, { one: 0, two: 0, threeOrMore: 0 });
    assert.deepEqual(figures.refinements.verdict, { standing: "no_data", text: "No finished videos yet." });
    assert.deepEqual(figures.cost, { usd: 0, totalUsd: 0, share: null });
    assert.doesNotMatch(JSON.stringify(figures), /NaN|Infinity/);
  });

  it("counts a storyboard as reviewed once it was ready for approval, and approved once it went on to rendering", async () => {
    // Never ready for review: not counted at all.
    await job({ status: "queued" });
    await job({ status: "storyboarding" });
    await job({ status: "failed", failedStage: "storyboarding" });
    await job({ status: "canceled", failedStage: "parsing" });
    // Approved by itself, with no one reviewing it: not counted either.
    await job({ status: "completed", autoApprove: true, versions: ["completed"] });
    // Reached review: waiting, turned down (canceled) or failed there, and approved ones in every later stage.
    await job({ status: "awaiting_approval" });
    await job({ status: "canceled", failedStage: "awaiting_approval" });
    await job({ status: "failed", failedStage: "awaiting_approval" });
    await job({ status: "rendering" });
    await job({ status: "stitching" });
    await job({ status: "completed", versions: ["completed"] });
    await job({ status: "failed", failedStage: "rendering" });
    await job({ status: "canceled", failedStage: "stitching" });
    // Back at its storyboard for a second version: its first was approved.
    await job({ status: "awaiting_approval", versions: ["completed"] });

    const { approval } = await measure();
    assert.equal(approval.reached, 9);
    assert.equal(approval.approved, 6);
    assert.equal(approval.awaiting, 1);
    assert.equal(approval.declined, 2);
    near(approval.rate, 6 / 9);
    assert.deepEqual(approval.verdict, { standing: "below", text: "Below the 70% target: 6 of 9 storyboards were approved." });
  });

  it("counts versions after the first per video whose first version finished", async () => {
    await job({ status: "completed", versions: ["completed"] });
    await job({ status: "completed", versions: ["completed", "completed"] });
    // A failed fourth version is no refinement rendered; nor is one still rendering.
    await job({ status: "failed", failedStage: "rendering", versions: ["completed", "completed", "completed", "failed"] });
    await job({ status: "rendering", versions: ["completed", "rendering"] });
    // Its first cut never finished: not a video yet.
    await job({ status: "failed", failedStage: "rendering", versions: ["failed"] });
    // Approved by itself, then refined: its versions count like any other video's.
    await job({ status: "completed", autoApprove: true, versions: ["completed", "completed"] });

    const { refinements } = await measure();
    assert.equal(refinements.videos, 5);
    assert.equal(refinements.refinements, 4);
    near(refinements.perVideo, 0.8);
    assert.deepEqual(refinements.versions, { one: 2, two: 2, threeOrMore: 1 });
    assert.equal(refinements.verdict.standing, "below");
  });

  it("costs the calls made for a second or later version, as a share of all spend in the window", async () => {
    const id = await job({ status: "completed", versions: ["completed", "completed", "completed"] });
    await call(id, 0.1, null); // made before versions existed: the first cut's
    await call(id, 0.2, 1);
    await call(id, 0.3, 2);
    await call(id, 0.05, 3);
    await call(id, 0.01, 2, SINCE); // the window's first instant
    await call(id, 1, 2, new Date(SINCE.getTime() - 1)); // just before it
    await call(id, 1, 2, UNTIL); // just after it
    const { cost } = await measure();
    near(cost.usd, 0.36);
    near(cost.totalUsd, 0.66);
    near(cost.share, 0.36 / 0.66);
  });

  it("takes jobs created from the window's first instant up to, not including, its end", async () => {
    await job({ status: "awaiting_approval", createdAt: new Date(SINCE.getTime() - 1) });
    await job({ status: "completed", createdAt: SINCE, versions: ["completed", "completed"] });
    await job({ status: "completed", createdAt: new Date(UNTIL.getTime() - 1), versions: ["completed"] });
    await job({ status: "completed", createdAt: UNTIL, versions: ["completed", "completed", "completed"] });
    const { approval, refinements } = await measure();
    assert.equal(approval.reached, 2);
    assert.equal(approval.approved, 2);
    assert.equal(refinements.videos, 2);
    near(refinements.perVideo, 0.5);
  });

  it("never counts another person's jobs in a person's figures; the studio's hold everyone's, for admins only", async () => {
    const mine = await job({ status: "completed", versions: ["completed", "completed"] });
    await call(mine, 0.2, 1);
    await call(mine, 0.1, 2);
    for (const status of ["canceled", "failed"] as const) {
      const theirs = await job({ userId: BOB, status, failedStage: "awaiting_approval" });
      await call(theirs, 0.5, 1);
    }
    const refined = await job({ userId: BOB, status: "completed", versions: ["completed", "completed", "completed"] });
    await call(refined, 0.4, 3);

    const person = await refinementReport({ userId: ALICE, isAdmin: false }, NOW);
    assert.equal(person.studio, null);
    assert.equal(person.since, SINCE.toISOString());
    assert.equal(person.until, UNTIL.toISOString());
    assert.equal(person.self.approval.reached, 1);
    near(person.self.approval.rate, 1);
    assert.equal(person.self.approval.verdict.text, "On target: 1 of 1 storyboard was approved.");
    assert.equal(person.self.refinements.videos, 1);
    near(person.self.cost.usd, 0.1);
    near(person.self.cost.totalUsd, 0.3);

    const admin = await refinementReport({ userId: ALICE, isAdmin: true }, NOW);
    assert.deepEqual(admin.self, person.self);
    const studio = admin.studio!;
    assert.equal(studio.approval.reached, 4);
    assert.equal(studio.approval.approved, 2);
    assert.equal(studio.approval.declined, 2);
    assert.equal(studio.refinements.videos, 2);
    near(studio.refinements.perVideo, 1.5);
    assert.equal(studio.refinements.verdict.text, "On target (about 1.5).");
    near(studio.cost.usd, 0.5);
    near(studio.cost.totalUsd, 1.7);

    const other = await refinementReport({ userId: BOB, isAdmin: false }, NOW);
    assert.equal(other.self.approval.reached, 3);
    assert.equal(other.self.approval.approved, 1);
    assert.equal(other.self.refinements.refinements, 2);
  });
});

describe("verdicts against the plan's targets", () => {
  it("puts 70% approved on target and anything less below it", () => {
    assert.equal(approvalVerdict(7, 10).standing, "on_target");
    assert.equal(approvalVerdict(69, 100).text, "Below the 70% target: 69 of 100 storyboards were approved.");
  });

  it("puts averages within 0.25 of 1.5 refinements on target, and says which way the others are off", () => {
    assert.equal(refinementVerdict(1.25).standing, "on_target");
    assert.equal(refinementVerdict(1.75).standing, "on_target");
    assert.equal(refinementVerdict(1.2).standing, "below");
    assert.match(refinementVerdict(0).text, /refined less often than the plan expects/);
    assert.equal(refinementVerdict(1.8).standing, "above");
    assert.match(refinementVerdict(3).text, /refined more often than the plan expects/);
  });
});
