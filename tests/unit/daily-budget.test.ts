import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { budgetDayOf, lastBudgetDays } from "@/lib/costs/budget-day";
import { alertOnSpend } from "@/lib/costs/budget-alerts";
import { BudgetRefusal, budgetStanding, committedToday } from "@/lib/costs/daily-budget";
import { csvField } from "@/lib/costs/ledger-csv";
import { draftCostUsd, PRICED_JOB_FIELDS, stillsCostUsd } from "@/lib/costs/work-cost";
import { getDb } from "@/lib/db/client";
import { createJob } from "@/lib/jobs/create-job";
import { regenerateScene } from "@/lib/jobs/edit-storyboard";
import { approveStoryboard, cancelJob, retryFailedJob } from "@/lib/jobs/review-actions";
import { createJobSchema } from "@/lib/jobs/schemas";
import { transitionJob } from "@/lib/jobs/transition-job";

const OWNER = "local";
const ZONE = "America/New_York";

before(() => {
  prepareFreshDataDir("budget");
  // Priced like Replicate (nothing calls it here: no runner runs), with small caps and days in New York.
  Object.assign(process.env, {
    GENERATION_BACKEND: "replicate",
    REPLICATE_API_TOKEN: "r8_unit_test_token_not_used",
    BUDGET_DAILY_SOFT_USD: "0.5",
    BUDGET_DAILY_HARD_USD: "1",
    BUDGET_TIMEZONE: ZONE,
  });
});

const db = () => getDb();
const reserved = async (id: string) => (await db().job.findUniqueOrThrow({ where: { id } })).reservedUsd;

async function newJob(sceneCount = 2) {
  return createJob(OWNER, createJobSchema.parse({ prompt: "A lighthouse keeper counts the ships.", sceneCount }));
}

/** A job as the runner leaves it at the storyboard: scenes drawn, nothing held. */
async function awaitingApproval(sceneCount = 2) {
  const job = await newJob(sceneCount);
  for (let position = 0; position < sceneCount; position++) {
    await db().scene.create({
      data: { jobId: job.id, position, caption: "c", imagePrompt: "p", motion: "zoom-in", durationSec: 3, stillStatus: "ready" },
    });
  }
  await db().job.update({ where: { id: job.id }, data: { status: "awaiting_approval", reservedUsd: 0 } });
  return job;
}

/** A billed call of `usd`, started at `at`. */
async function bill(jobId: string, usd: number, at: Date) {
  await db().generation.create({
    data: {
      jobId,
      kind: "clip",
      backend: "replicate",
      model: "m",
      inputHash: "h",
      status: "succeeded",
      costUsd: usd,
      startedAt: at,
    },
  });
  await db().job.update({ where: { id: jobId }, data: { costUsd: { increment: usd } } });
}

beforeEach(async () => {
  await db().generation.deleteMany();
  await db().scene.deleteMany();
  await db().job.deleteMany();
  await db().alert.deleteMany();
  await db().user.update({ where: { id: OWNER }, data: { dailyBudgetUsd: null } });
});

describe("budget days", () => {
  it("run from local midnight to local midnight in the configured zone", () => {
    // 04:30 UTC is 23:30 the evening before in New York (UTC-5 in November).
    const day = budgetDayOf(new Date("2026-11-30T04:30:00Z"), ZONE);
    assert.equal(day.date, "2026-11-29");
    assert.equal(day.start.toISOString(), "2026-11-29T05:00:00.000Z");
    assert.equal(day.end.toISOString(), "2026-11-30T05:00:00.000Z");
    assert.equal(budgetDayOf(new Date("2026-11-30T05:00:00Z"), ZONE).date, "2026-11-30");
  });

  it("are 23 and 25 hours long on the days clocks change, and odd offsets work", () => {
    const spring = budgetDayOf(new Date("2026-03-08T12:00:00Z"), ZONE);
    assert.equal(spring.end.getTime() - spring.start.getTime(), 23 * 3600_000);
    const autumn = budgetDayOf(new Date("2026-11-01T12:00:00Z"), ZONE);
    assert.equal(autumn.end.getTime() - autumn.start.getTime(), 25 * 3600_000);
    const chatham = budgetDayOf(new Date("2026-06-15T00:00:00Z"), "Pacific/Chatham");
    assert.equal(chatham.start.toISOString(), "2026-06-14T11:15:00.000Z"); // UTC+12:45 in winter
    const month = lastBudgetDays(new Date("2026-11-30T12:00:00Z"), ZONE, 30);
    assert.equal(month.length, 30);
    assert.equal(month[0]!.date, "2026-11-01");
    assert.equal(month[29]!.date, "2026-11-30");
  });

  it("roll over at midnight in the zone: yesterday's spend stops counting, today's starts", async () => {
    const job = await newJob();
    await db().job.update({ where: { id: job.id }, data: { reservedUsd: 0 } });
    await bill(job.id, 0.3, new Date("2026-11-30T04:30:00Z")); // 23:30 on the 29th in New York
    await bill(job.id, 0.2, new Date("2026-11-30T05:30:00Z")); // 00:30 on the 30th
    const on29th = budgetDayOf(new Date("2026-11-30T04:59:59Z"), ZONE);
    const on30th = budgetDayOf(new Date("2026-11-30T05:00:00Z"), ZONE);
    assert.ok(Math.abs((await committedToday(db(), on29th)) - 0.3) < 1e-9);
    assert.ok(Math.abs((await committedToday(db(), on30th)) - 0.2) < 1e-9);
    // Read as UTC days instead, both calls would fall on the 30th.
    assert.ok(Math.abs((await committedToday(db(), budgetDayOf(new Date("2026-11-30T12:00:00Z"), "UTC"))) - 0.5) < 1e-9);
  });
});

describe("reservations", () => {
  it("hold the scene writer and the stills at creation, and let go on cancel", async () => {
    const job = await newJob(3);
    const row = await db().job.findUniqueOrThrow({ where: { id: job.id }, select: PRICED_JOB_FIELDS });
    assert.ok(draftCostUsd(row) > 0);
    assert.equal(await reserved(job.id), draftCostUsd(row));
    const standing = await budgetStanding(db(), OWNER);
    assert.equal(standing.caps[0]!.committedUsd, draftCostUsd(row));
    await cancelJob(OWNER, job.id);
    assert.equal(await reserved(job.id), 0);
  });

  it("hold the clips at approval, let go when the job fails, and hold them again for a retry", async () => {
    const job = await awaitingApproval();
    await approveStoryboard(OWNER, job.id);
    const held = await reserved(job.id);
    assert.ok(held > 0, "the clips are held");
    await transitionJob(db(), job.id, "rendering", "failed", { data: { failedStage: "rendering" } });
    assert.equal(await reserved(job.id), 0);
    // A retry holds the clips not made yet: here all of them again.
    await retryFailedJob(OWNER, job.id);
    assert.equal(await reserved(job.id), held);
  });

  it("hold one still for a redraw", async () => {
    const job = await awaitingApproval();
    const scenes = await db().scene.findMany({ where: { jobId: job.id } });
    await regenerateScene(OWNER, job.id, scenes[0]!.id);
    const row = await db().job.findUniqueOrThrow({ where: { id: job.id }, select: PRICED_JOB_FIELDS });
    assert.equal(await reserved(job.id), stillsCostUsd(row, 1));
  });

  it("refuse what would cross a person's cap with which cap, what is left and when it resets, and alert once", async () => {
    await db().user.update({ where: { id: OWNER }, data: { dailyBudgetUsd: 0.01 } });
    const refused = async () =>
      assert.rejects(newJob(4), (error: unknown) => {
        assert.ok(error instanceof BudgetRefusal);
        assert.equal(error.status, 402);
        assert.equal(error.code, "budget_exceeded");
        assert.match(error.message, /your daily limit \(set by an admin\) of \$0\.010 has \$0\.010 left today/);
        assert.match(error.message, /resets at midnight America\/New_York, in \d+ h \d+ min|in \d+ min/);
        return true;
      });
    await refused();
    await refused();
    assert.equal(await db().job.count(), 0, "nothing was created");
    const alerts = await db().alert.findMany();
    assert.equal(alerts.length, 1, "one alert for two refusals the same day");
    assert.equal(alerts[0]!.kind, "cap_refusal");
  });

  it("refuse a clip hold past the studio's hard cap, counting what other jobs hold", async () => {
    const job = await awaitingApproval(2);
    const other = await newJob(2);
    await db().job.update({ where: { id: other.id }, data: { reservedUsd: 0.99 } });
    await assert.rejects(approveStoryboard(OWNER, job.id), /this studio's daily limit of \$1\.00 has \$0\.010 left today/);
    assert.equal((await db().job.findUniqueOrThrow({ where: { id: job.id } })).status, "awaiting_approval");
    assert.equal(await reserved(job.id), 0, "the refused hold was rolled back");
  });
});

describe("alerts", () => {
  it("raise the soft cap once a day", async () => {
    const job = await newJob();
    const now = new Date();
    await bill(job.id, 0.6, now);
    await alertOnSpend(job.id, now);
    await alertOnSpend(job.id, now);
    assert.equal(await db().alert.count({ where: { kind: "soft_cap" } }), 1);
    const tomorrow = new Date(budgetDayOf(now, ZONE).end.getTime() + 60_000);
    await bill(job.id, 0.6, tomorrow);
    await alertOnSpend(job.id, tomorrow);
    assert.equal(await db().alert.count({ where: { kind: "soft_cap" } }), 2);
  });

  it("raise a job more than 20% over its estimate once", async () => {
    const job = await newJob();
    await db().job.update({ where: { id: job.id }, data: { estimatedCostUsd: 0.1, reservedUsd: 0 } });
    await bill(job.id, 0.12, new Date());
    await alertOnSpend(job.id);
    assert.equal(await db().alert.count(), 0, "20% over is not more than 20%");
    await bill(job.id, 0.01, new Date());
    await alertOnSpend(job.id);
    await alertOnSpend(job.id);
    const alerts = await db().alert.findMany();
    assert.equal(alerts.length, 1);
    assert.match(alerts[0]!.message, /has cost \$0\.13, 30% over its estimate of \$0\.10\./);
  });
});

describe("the ledger as CSV", () => {
  it("quotes what needs quoting and defuses cells a spreadsheet would run as formulas", () => {
    assert.equal(csvField(null), "");
    assert.equal(csvField(0.0123), "0.0123");
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField('say "hi", twice'), '"say ""hi"", twice"');
    assert.equal(csvField("two\nlines"), '"two\nlines"');
    for (const formula of ['=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx"]) {
      assert.ok(csvField(formula).replace(/^"/, "").startsWith("'"), formula);
    }
  });
});
