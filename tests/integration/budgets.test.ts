import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { queryDb, readLedger } from "../helpers/read-db";
import { replicateEnv } from "../helpers/replicate-env";
import { startApp, type RunningApp } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { clipsCostUsd, type PricedJob } from "@/lib/costs/work-cost";
import type { JobView } from "@/lib/jobs/job-view";
import { tokenCost, writerMaxCostUsd } from "@/lib/backends/replicate/billing";
import { STILL_MODELS, WRITER_MODELS } from "@/lib/backends/replicate/model-table";
import { sceneWriterHoldUsd } from "@/lib/backends/replicate/replicate-scene-writer";

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
    `SELECT backend, sceneCount, writerModel, stillModel, clipModel, clipResolution, continuity FROM "Job" WHERE id = ?`,
    job.id,
  )[0]!;
  // These jobs have no voice: no narration is due.
  return clipsCostUsd(
    row,
    job.scenes.map((s) => ({ ...s, narrationDue: false })),
  );
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
          /^This needs \$0\.\d+, but this studio's daily limit of \$\d+\.\d+ has \$0\.\d+ left today; it resets at midnight UTC, in (\d+ h )?\d+ min\.$/,
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

describe("a person's daily limit, and what each person sees", () => {
  let app: RunningApp;
  let owner: ReturnType<typeof apiClient>;
  let bob: ReturnType<typeof apiClient>;
  let bobId: string;
  let bobToken: string;
  before(async () => {
    app = await startApp(replicateEnv(fake));
    owner = apiClient(app.baseUrl, app.token);
    bobToken = await invitePerson(app, { name: "Bob", email: "bob@example.com", password: "bob's own password" });
    bob = apiClient(app.baseUrl, bobToken);
    bobId = (await owner.request("GET", "/api/users")).json.users.find(
      (u: { email: string }) => u.email === "bob@example.com",
    ).id;
  });
  after(() => app?.stop());

  const setLimit = (value: unknown, as = owner) => as.request("PATCH", `/api/users/${bobId}`, { dailyBudgetUsd: value });

  it("is set by an admin only, with sentences for bad values", async () => {
    for (const [value, message] of [
      [-1, /The daily limit cannot be negative\./],
      ["5", /The daily limit must be a number of dollars, or null for none\./],
      [1e9, /The daily limit can be at most \$100,000\./],
    ] as const) {
      const refused = await setLimit(value);
      assert.equal(refused.status, 400);
      assert.match(refused.json.error.message, message);
    }
    assert.equal((await owner.request("PATCH", `/api/users/${bobId}`, {})).status, 400);
    assert.equal((await setLimit(1, bob)).status, 404, "not an admin: no such page");
    assert.equal((await setLimit(0.001)).status, 200);
    const listed = (await owner.request("GET", "/api/users")).json.users.find((u: { id: string }) => u.id === bobId);
    assert.equal(listed.dailyBudgetUsd, 0.001);
  });

  it("refuses the person's storyboard before it is made, and the estimate says so first; others are not limited", async () => {
    const estimate = await bob.request("GET", "/api/estimate?sceneCount=2");
    assert.equal(estimate.status, 200);
    assert.match(
      estimate.json.budget.refusal,
      /^This needs \$0\.\d+, but your daily limit \(set by an admin\) of \$0\.001 has \$0\.001 left today; it resets at midnight UTC, in/,
    );
    const refused = await bob.request("POST", "/api/jobs", { prompt: PROMPT, sceneCount: 2 });
    assert.equal(refused.status, 402);
    assert.equal(refused.json.error.message, estimate.json.budget.refusal);
    assert.equal((await bob.request("GET", "/api/jobs")).json.jobs.length, 0);
    assert.equal((await owner.request("POST", "/api/jobs", { prompt: PROMPT, sceneCount: 2 })).status, 201);
  });

  it(
    "stops a running job whose retried clip would pass the limit, with the sentence, and the ledger stays under",
    { timeout: 120_000 },
    async () => {
      assert.equal((await setLimit(null)).status, 200);
      const drafted = await bob.createJob({ prompt: PROMPT, sceneCount: 2 });
      const review = await bob.waitForStatus(drafted.id, ["awaiting_approval"], 60_000);
      // Room for exactly the clips the approval holds, and not a cent more.
      const limit = sum(readLedger(app.dataDir, drafted.id).map((r) => r.costUsd)) + clipHold(app.dataDir, review) + 0.0001;
      assert.equal((await setLimit(limit)).status, 200);
      fake.failNextPrediction("wan-video/wan-2.2-i2v-fast", "corrupt-output");
      assert.equal((await bob.request("POST", `/api/jobs/${drafted.id}/approve`)).status, 200);
      const failed = await bob.waitForStatus(drafted.id, ["failed"], 60_000).catch(async () => bob.getJob(drafted.id));
      assert.equal(failed.status, "failed");
      assert.match(
        failed.error ?? "",
        /^Rendering the clip for scene \d failed: This needs \$0\.\d+, but your daily limit \(set by an admin\) of \$0\.\d+ has \$0\.\d+ left today;/,
      );
      const spent = sum(readLedger(app.dataDir, drafted.id).map((r) => r.costUsd));
      assert.ok(spent <= limit, `${spent} under ${limit}`);
      assert.equal(heldBy(app.dataDir, drafted.id), 0);
      assert.ok(alertsIn(app.dataDir).some((a) => a.kind === "cap_refusal" && /bob@example\.com/.test(a.message)));
    },
  );

  it("shows each person their own spend and ledger, and admins everyone's", async () => {
    const mine = (await bob.request("GET", "/api/spend")).json;
    const studio = (await owner.request("GET", "/api/spend")).json;
    assert.equal(mine.scope, "self");
    assert.equal(mine.byUser, null);
    assert.equal(mine.alerts, null);
    assert.equal(studio.scope, "studio");
    assert.deepEqual(studio.byUser.map((u: { email: string }) => u.email).sort(), ["bob@example.com", "owner@storyreel.test"]);
    const ledger = readLedger(app.dataDir);
    const bobJobs = new Set((await bob.request("GET", "/api/jobs")).json.jobs.map((j: { id: string }) => j.id));
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
    assert.ok(near(mine.totalUsd, sum(ledger.filter((r) => bobJobs.has(r.jobId)).map((r) => r.costUsd))));
    assert.ok(near(studio.totalUsd, sum(ledger.map((r) => r.costUsd))));

    // Approval and refinement: one's own for everyone, the studio's (here, Bob's and the owner's) for admins only.
    assert.equal(mine.quality.studio, null);
    assert.ok(near(mine.quality.self.cost.totalUsd, mine.totalUsd));
    assert.ok(near(studio.quality.studio.cost.totalUsd, studio.totalUsd));
    for (const figure of ["reached", "approved"] as const) {
      assert.equal(
        studio.quality.studio.approval[figure],
        mine.quality.self.approval[figure] + studio.quality.self.approval[figure],
        figure,
      );
    }

    const csv = await fetch(`${app.baseUrl}/api/spend/ledger`, { headers: { Authorization: `Bearer ${app.token}` } });
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(csv.headers.get("content-disposition") ?? "", /^attachment; filename="storyreel-ledger-\d{4}-\d\d-\d\d\.csv"$/);
    const rows = (await csv.text()).trim().split("\r\n");
    assert.equal(rows[0], "started_at,finished_at,job_id,user,kind,model,status,cost_usd,basis,prediction_id");
    assert.equal(rows.length - 1, ledger.length);
    const bobCsv = (
      await (await fetch(`${app.baseUrl}/api/spend/ledger`, { headers: { Authorization: `Bearer ${bobToken}` } })).text()
    )
      .trim()
      .split("\r\n");
    assert.ok(bobCsv.slice(1).every((row) => row.includes(",bob@example.com,")));
  });
});

describe("holds of the most a call can cost", () => {
  let app: RunningApp;
  let api: ReturnType<typeof apiClient>;
  let ownerId: string;
  const writer = WRITER_MODELS["meta/meta-llama-3-8b-instruct"];
  const stills = 2 * STILL_MODELS["black-forest-labs/flux-schnell"].perImageUsd;
  before(async () => {
    app = await startApp(replicateEnv(fake));
    api = apiClient(app.baseUrl, app.token);
    ownerId = (await api.request("GET", "/api/users")).json.users.find(
      (u: { email: string }) => u.email === "owner@storyreel.test",
    ).id;
  });
  after(async () => {
    fake.billAtMost(false);
    await app?.stop();
  });
  const setLimit = (usd: number) => api.request("PATCH", `/api/users/${ownerId}`, { dailyBudgetUsd: usd });

  it(
    "refuses up front a storyboard that fits at the writer's typical cost but not at its most; billed at the most, a run never crosses its cap",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.billAtMost(true);
      const typical = tokenCost(writer, writer.typicalTokens);
      const most = sceneWriterHoldUsd(writer);
      assert.ok(most > typical);

      // Room for the typical writer call and the stills, and a little more: not for the most the writer may cost.
      assert.equal((await setLimit(stills + typical + 0.00005)).status, 200);
      const estimate = await api.request("GET", "/api/estimate?sceneCount=2");
      assert.match(estimate.json.budget.refusal ?? "", /^This needs \$0\.\d+, but your daily limit \(set by an admin\)/);
      const refused = await api.request("POST", "/api/jobs", { prompt: PROMPT, sceneCount: 2 });
      assert.equal(refused.status, 402, JSON.stringify(refused.json));
      assert.equal(refused.json.error.message, estimate.json.budget.refusal);
      assert.equal(fake.creates().length, 0, "nothing was asked of Replicate");

      // Room for exactly the most the storyboard can cost: it is made, every call billed at its most, under the cap.
      const limit = stills + most;
      assert.equal((await setLimit(limit)).status, 200);
      const job = await api.createJob({ prompt: PROMPT, sceneCount: 2 });
      assert.ok(Math.abs(heldBy(app.dataDir, job.id) - limit) < 1e-12, "the hold is the most the storyboard can cost");
      const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      const writerRow = readLedger(app.dataDir, job.id).find((r) => r.kind === "scenes")!;
      const billedAtMost = writerMaxCostUsd(writer, fake.predictions.get(writerRow.externalId!)!.input);
      assert.ok(Math.abs(writerRow.costUsd - billedAtMost) < 1e-12, `${writerRow.costBasis}`);
      assert.match(writerRow.costBasis ?? "", new RegExp(` \\+ ${writer.maxOutputTokens} output tokens`));
      assert.ok(spentIn(app.dataDir) <= limit + 1e-12, `spent ${spentIn(app.dataDir)} of ${limit}`);
      assert.equal(heldBy(app.dataDir, job.id), 0, "nothing stays held while the storyboard waits");
      // The clips do not fit what is left: the approval is refused, and nothing more is spent.
      const approve = await api.request("POST", `/api/jobs/${review.id}/approve`);
      assert.equal(approve.status, 402);
      assert.ok(spentIn(app.dataDir) <= limit + 1e-12);
    },
  );
});
