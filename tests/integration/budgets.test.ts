import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { queryDb, readLedger } from "../helpers/read-db";
import { replicateEnv } from "../helpers/replicate-env";
import { startApp, type RunningApp } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { clipsCostUsd, type PricedJob } from "@/lib/costs/work-cost";
import type { JobView } from "@/lib/jobs/job-view";

// Daily caps, holds and alerts on the real app against the fake Replicate, so every cost is a real figure.
let fake: FakeReplicate;
let hook: { url: string; bodies: { text: string; content: string }[]; close: () => Promise<void> };

/** A chat service's incoming webhook: takes JSON, keeps it. */
async function startWebhookReceiver(): Promise<typeof hook> {
  const bodies: { text: string; content: string }[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      assert.equal(req.headers["content-type"], "application/json");
      bodies.push(JSON.parse(raw));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/B000`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

before(async () => {
  fake = await startFakeReplicate();
  hook = await startWebhookReceiver();
});
after(async () => {
  await hook?.close();
  await fake?.close();
});

const PROMPT = "A paper boat drifts down a rain gutter.";
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const spentIn = (dataDir: string) => sum(readLedger(dataDir).map((row) => row.costUsd));
const heldBy = (dataDir: string, jobId: string) =>
  queryDb<{ reservedUsd: number }>(dataDir, `SELECT reservedUsd FROM "Job" WHERE id = ?`, jobId)[0]!.reservedUsd;
const alertsIn = (dataDir: string) =>
  queryDb<{ kind: string; message: string; deliveredAt: number | null }>(
    dataDir,
    `SELECT kind, message, deliveredAt FROM "Alert" ORDER BY createdAt`,
  );

/** What the clips of this job will cost, from the price table and its scenes as the writer made them. */
function clipHold(dataDir: string, job: JobView): number {
  const row = queryDb<PricedJob>(
    dataDir,
    `SELECT provider, sceneCount, writerModel, stillModel, clipModel, clipResolution, continuity FROM "Job" WHERE id = ?`,
    job.id,
  )[0]!;
  return clipsCostUsd(row, job.scenes);
}

describe("the daily hard cap", () => {
  let first: RunningApp | undefined;
  let capped: RunningApp | undefined;
  after(async () => {
    await first?.stop();
    await capped?.stop();
  });

  it(
    "lets exactly the approvals that fit run when 20 arrive at once, and the ledger never passes it",
    { timeout: 240_000 },
    async () => {
      first = await startApp(replicateEnv(fake, { WORKER_JOB_CONCURRENCY: "4" }));
      const api = apiClient(first.baseUrl, first.token);
      const jobs = await Promise.all(Array.from({ length: 20 }, () => api.createJob({ prompt: PROMPT, sceneCount: 2 })));
      const drawn = await Promise.all(jobs.map((job) => api.waitForStatus(job.id, ["awaiting_approval"], 180_000)));
      const clips = drawn.map((job) => clipHold(first!.dataDir, job));
      assert.ok(
        clips.every((c) => c > 0 && Math.abs(c - clips[0]!) < 1e-12),
        "the same clips cost the same",
      );
      await first.stop();

      // Room for seven jobs' clips and half of an eighth, on top of what the storyboards cost.
      const spent = spentIn(first.dataDir);
      const cap = spent + 7.5 * clips[0]!;
      capped = await startApp(
        replicateEnv(fake, { BUDGET_DAILY_HARD_USD: String(cap), ALERT_WEBHOOK_URL: hook.url, WORKER_JOB_CONCURRENCY: "4" }),
        { dataDir: first.dataDir, owner: false },
      );
      const client = apiClient(capped.baseUrl, first.token);
      const answers = await Promise.all(drawn.map((job) => client.request("POST", `/api/jobs/${job.id}/approve`)));
      const approved = drawn.filter((_, i) => answers[i]!.status === 200);
      const refused = answers.filter((a) => a.status === 402);
      assert.equal(approved.length, 7, answers.map((a) => a.status).join(" "));
      assert.equal(refused.length, 13);
      for (const answer of refused) {
        assert.equal(answer.json.error.code, "budget_exceeded");
        assert.match(
          answer.json.error.message,
          /^This needs \$0\.\d+, but this studio's daily limit of \$\d+\.\d+ has \$0\.\d+ left today; it resets at midnight UTC, in \d+ h \d+ min\.$/,
        );
      }
      await Promise.all(approved.map((job) => client.waitForStatus(job.id, ["completed"], 180_000)));
      const total = spentIn(first.dataDir);
      assert.ok(total <= cap + 1e-9, `spent ${total} of a ${cap} cap`);
      assert.ok(Math.abs(total - (spent + 7 * clips[0]!)) < 1e-9, "each approved job spent what it held");
      for (const job of drawn) assert.equal(heldBy(first.dataDir, job.id), 0, "nothing stays held");

      // Thirteen refusals, one alert, posted once to the webhook.
      const refusals = alertsIn(first.dataDir).filter((a) => a.kind === "cap_refusal");
      assert.equal(refusals.length, 1);
      await waitFor("the refusal alert to be posted", async () => hook.bodies.find((b) => /was refused/.test(b.text)) ?? null);
      const posted = hook.bodies.filter((b) => /was refused/.test(b.text));
      assert.equal(posted.length, 1);
      assert.equal(posted[0]!.content, posted[0]!.text, "Slack reads text, Discord reads content");
      assert.match(posted[0]!.text, /^Storyreel: A request by owner@storyreel\.test was refused: This needs/);
    },
  );
});

describe("holds, overruns and the soft cap", () => {
  let app: RunningApp;
  let api: ReturnType<typeof apiClient>;
  before(async () => {
    hook.bodies.length = 0;
    app = await startApp(replicateEnv(fake, { BUDGET_DAILY_SOFT_USD: "0.01", ALERT_WEBHOOK_URL: hook.url }));
    api = apiClient(app.baseUrl, app.token);
  });
  after(() => app?.stop());

  async function storyboard(sceneCount: number): Promise<JobView> {
    const job = await api.createJob({ prompt: PROMPT, sceneCount });
    return api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
  }

  it("a job whose clips were made twice is reported over its estimate, once", { timeout: 120_000 }, async () => {
    const job = await storyboard(2);
    // Each clip's first output is broken: it is billed, and the clip is made again (and billed again).
    fake.failNextPrediction("wan-video/wan-2.2-i2v-fast", "corrupt-output", "corrupt-output");
    assert.equal((await api.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
    const done = await api.waitForStatus(job.id, ["completed"], 90_000);
    const clipCalls = readLedger(app.dataDir, job.id).filter((r) => r.kind === "clip");
    assert.ok(
      clipCalls.some((r) => /;/.test(r.costBasis ?? "")),
      "a clip call was billed twice",
    );
    assert.ok(done.costUsd > done.estimatedCostUsd * 1.2, `${done.costUsd} against ${done.estimatedCostUsd}`);
    assert.equal(heldBy(app.dataDir, job.id), 0);

    const overruns = alertsIn(app.dataDir).filter((a) => a.kind === "over_estimate");
    assert.equal(overruns.length, 1);
    assert.match(
      overruns[0]!.message,
      /^The video "A paper boat drifts down a rain gutter\." by owner@storyreel\.test has cost \$0\.\d+, \d+% over its estimate of \$0\.\d+\.$/,
    );
    await waitFor(
      "the overrun alert to be posted",
      async () => hook.bodies.find((b) => /over its estimate/.test(b.text)) ?? null,
    );
  });

  it("the soft cap is raised once however many bills pass it", { timeout: 60_000 }, async () => {
    const job = await storyboard(2);
    await api.request("POST", `/api/jobs/${job.id}/approve`);
    await api.waitForStatus(job.id, ["completed"], 60_000);
    const soft = alertsIn(app.dataDir).filter((a) => a.kind === "soft_cap");
    assert.equal(soft.length, 1);
    assert.match(soft[0]!.message, /^Spend on \d{4}-\d\d-\d\d \(UTC\) reached \$0\.\d+, past the soft limit of \$0\.010;/);
    await waitFor("the soft-cap alert to be delivered", async () =>
      alertsIn(app.dataDir).every((a) => a.deliveredAt !== null) ? true : null,
    );
    assert.equal(hook.bodies.filter((b) => /soft limit/.test(b.text)).length, 1);
  });

  it("lets go of the clips' hold when a clip fails and when the job is canceled", { timeout: 90_000 }, async () => {
    const failing = await storyboard(2);
    fake.failNextPrediction("wan-video/wan-2.2-i2v-fast", "fail", "fail", "fail");
    await api.request("POST", `/api/jobs/${failing.id}/approve`);
    assert.ok(heldBy(app.dataDir, failing.id) > 0 || (await api.getJob(failing.id)).status === "failed");
    await api.waitForStatus(failing.id, ["failed"], 60_000);
    assert.equal(heldBy(app.dataDir, failing.id), 0);
    fake.reset();

    const canceled = await storyboard(2);
    fake.failNextPrediction("wan-video/wan-2.2-i2v-fast", "never-finish");
    await api.request("POST", `/api/jobs/${canceled.id}/approve`);
    assert.ok(heldBy(app.dataDir, canceled.id) > 0, "approval holds the clip");
    await api.request("POST", `/api/jobs/${canceled.id}/cancel`);
    assert.equal(heldBy(app.dataDir, canceled.id), 0);
    fake.reset();
  });
});
