import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { freePort, startApp, startWorker, type RunningApp } from "../helpers/start-app";
import { signWebhook } from "@/lib/webhooks/verify-webhook";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { probeVideo } from "@/lib/media/probe-video";
import { tokenCost } from "@/lib/backends/replicate/billing";
import { CLIP_MODELS, STILL_MODELS, WRITER_MODELS } from "@/lib/backends/replicate/model-table";
import { queryDb, readJobRow, readLedger } from "../helpers/read-db";
import { invitePerson } from "../helpers/invite-person";
import { waitFor } from "../helpers/wait-for";
import { replicateEnv } from "../helpers/replicate-env";

// The real app, the real `replicate` client, and a fake Replicate server speaking its HTTP protocol.
const STILL = "black-forest-labs/flux-schnell";
const CLIP = "wan-video/wan-2.2-i2v-fast";
const LLM = "meta/meta-llama-3-8b-instruct";

let fake: FakeReplicate;
let app: RunningApp;
let api: ReturnType<typeof apiClient>;

const env = (f: FakeReplicate, extra: Record<string, string> = {}) =>
  replicateEnv(f, { REPLICATE_REQUEST_TIMEOUT_MS: "1500", ...extra });

before(async () => {
  fake = await startFakeReplicate();
  app = await startApp(env(fake));
  api = apiClient(app.baseUrl, app.token);
});
after(async () => {
  await app?.stop();
  await fake?.close();
});

const ledger = (jobId: string) => readLedger(app.dataDir, jobId);
const clipWithPrediction = (jobId: string) => ledger(jobId).find((r) => r.kind === "clip" && r.externalId);

async function download(url: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}${url}`, { headers: app.auth });
  assert.equal(response.status, 200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-dl-")), "final.mp4");
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

describe("the replicate back end against a fake Replicate", () => {
  it(
    "takes a 4-scene job to a verified final.mp4, with one prediction per call and its cost recorded",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      const job = await api.createJob({
        prompt: "A lighthouse keeper climbs the stairs. The lamp turns. Ships pass. Dawn comes.",
        sceneCount: 4,
      });
      assert.equal(job.backend, "replicate");
      assert.ok(job.estimatedCostUsd > 0, "an estimate before anything is spent");
      const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      assert.equal(review.scenes.length, 4);
      assert.equal((await api.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
      const done = await api.waitForStatus(job.id, ["completed"], 90_000);

      const probe = await probeVideo(await download(done.videoUrl!));
      assert.equal(probe.codec, "h264");
      assert.deepEqual([probe.width, probe.height], [1280, 720]);
      assert.ok(Math.abs(probe.durationSec - 12) < 0.5, `duration ${probe.durationSec}`);

      const creates = fake.creates();
      assert.deepEqual(
        [fake.creates(LLM).length, fake.creates(STILL).length, fake.creates(CLIP).length],
        [1, 4, 4],
        "one create per call",
      );
      assert.ok(
        creates.every((r) => r.headers["cancel-after"]),
        "every create carries Cancel-After",
      );
      assert.deepEqual(
        creates
          .map((r) => r.headers["cancel-after"])
          .filter((v, i, a) => a.indexOf(v) === i)
          .sort(),
        ["120s", "30s", "600s"],
      );
      const rows = ledger(job.id);
      assert.ok(
        rows.filter((r) => r.kind !== "stitch").every((r) => r.status === "succeeded" && r.externalId?.startsWith("fake")),
      );
      const recorded = rows.reduce((sum, r) => sum + r.costUsd, 0);
      assert.ok(Math.abs(done.costUsd - recorded) < 1e-9, "the job's total is the ledger's");
      // Stills reach the clip model as uploaded files, never data URLs, and are deleted once their clip is made.
      const clipInputs = [...fake.predictions.values()]
        .filter((p) => p.model === CLIP && p.source === "api")
        .slice(-4)
        .map((p) => p.input);
      assert.ok(
        clipInputs.every((input) => String(input.image).startsWith(`${fake.baseUrl}/v1/files/`)),
        JSON.stringify(clipInputs),
      );
      const used = clipInputs.map((input) => fake.uploads.get(String(input.image).split("/").pop()!)!);
      assert.ok(
        used.every((file) => file.deleted && file.size > 0 && file.content_type === "image/jpeg"),
        JSON.stringify(used),
      );
      assert.ok(
        creates.filter((r) => r.path.includes(CLIP)).every((r) => Number(r.headers["content-length"]) < 1024),
        "a clip create carries a URL, not the image",
      );

      // Each actual from what Replicate reported: the writer's tokens, one image per still, 5 s per clip.
      const writerRow = rows.find((r) => r.kind === "scenes")!;
      const writer = fake.predictions.get(writerRow.externalId!)!;
      const { input_token_count: inTokens, output_token_count: outTokens } = writer.metrics!;
      assert.equal(writerRow.costBasis, `${inTokens} input + ${outTokens} output tokens at $0.05/$0.25 per million`);
      assert.ok(Math.abs(writerRow.costUsd - tokenCost(WRITER_MODELS[LLM], { input: inTokens!, output: outTokens! })) < 1e-12);
      assert.deepEqual([...new Set(rows.filter((r) => r.kind === "still").map((r) => r.costBasis))], ["1 image at $0.003"]);
      assert.deepEqual(
        [...new Set(rows.filter((r) => r.kind === "clip").map((r) => r.costBasis))],
        ["5 s of 480p video at $0.012/s"],
      );
      const expected =
        writerRow.costUsd + 4 * STILL_MODELS[STILL].perImageUsd + 4 * 5 * CLIP_MODELS[CLIP].tiers["480p"].perSecondUsd;
      assert.ok(Math.abs(recorded - expected) < 1e-9, `recorded ${recorded} vs ${expected}`);
      assert.ok(
        Math.abs(recorded - job.estimatedCostUsd) < 0.01,
        `the estimate is close: ${job.estimatedCostUsd} vs ${recorded}`,
      );
      console.log(
        `replicate 4-scene job: ${creates.length} predictions, ${fake.polls()} polls, estimated $${job.estimatedCostUsd.toFixed(4)}, recorded $${recorded.toFixed(4)}, ` +
          `clip creates carried ${fake
            .creates(CLIP)
            .map((r) => r.headers["content-length"])
            .join(", ")} bytes`,
      );
    },
  );
});

describe("faults on the replicate back end", () => {
  it(
    "rides out throttling, server errors, slow answers, bad JSON, and corrupt or expired outputs, and honours Retry-After",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.slowNextGets(1);
      fake.failNextPrediction(LLM, "bad-json");
      fake.failNextCreate(STILL, "429", "500");
      fake.failNextPrediction(STILL, "corrupt-output", "none", "expired-output");
      const job = await api.createJob({ prompt: "A fox crosses the snow. It finds its den.", sceneCount: 2, autoApprove: true });
      const done = await api.waitForStatus(job.id, ["completed"], 90_000);
      assert.equal(done.scenes.length, 2);

      assert.equal(fake.creates(LLM).length, 2, "one repair request after unusable JSON");
      const stillPosts = fake.creates(STILL);
      assert.equal(stillPosts.length, 6, "429, 500, corrupt, ok, expired, ok");
      const gap = stillPosts[1]!.at - stillPosts[0]!.at;
      assert.ok(gap >= 1000, `waited ${gap} ms after a 429 with Retry-After: 1`);
      assert.equal(fake.slowGetsLeft(), 0, "a poll was answered too late, timed out, and was asked again");
      const rows = ledger(job.id);
      assert.deepEqual(rows.map((r) => `${r.kind}:${r.status}`).sort(), [
        "clip:succeeded",
        "clip:succeeded",
        "scenes:succeeded",
        "still:succeeded",
        "still:succeeded",
        "stitch:succeeded",
      ]);
    },
  );

  it(
    "slows down when Replicate throttles polls, without opening the breaker, pausing or failing the job",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.throttleNextGets(6);
      const job = await api.createJob({ prompt: "A queue at the bakery. Bread at last.", sceneCount: 2 });
      await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      assert.equal(fake.throttledGetsLeft(), 0, "every throttled poll was answered 429");
      const health = (await api.request("GET", "/api/health")).json as {
        replicate: { breaker: string; processes: { state: string }[] };
      };
      assert.equal(health.replicate.breaker, "closed", "a 429 is not an outage");
      assert.ok(
        health.replicate.processes.every((p) => p.state === "closed"),
        JSON.stringify(health.replicate),
      );
      const gets = fake.requests.filter((r) => r.method === "GET" && r.path.startsWith("/v1/predictions/"));
      const gaps = gets.slice(1, 7).map((r, i) => r.at - gets[i]!.at);
      assert.ok(
        gaps.some((gap) => gap >= 900),
        `waited for the reset the body announced (~1 s): ${gaps}`,
      );
    },
  );

  it(
    "puts the writer's instructions where the model reads them, and takes a careless answer as a person would",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.failNextPrediction(LLM, "careless-json");
      const job = await api.createJob({ prompt: "A ferry at dawn. Gulls follow it.", sceneCount: 2 });
      const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      assert.equal(fake.creates(LLM).length, 1, "a wrapped, renamed, '4s' answer with one scene too many needs no repair");
      assert.deepEqual(
        review.scenes.map((s) => [s.caption, s.motion, s.durationSec]),
        [
          ["Moment 1 of the story.", "zoom-in", 4],
          ["Moment 2 of the story.", "pan-left", 4],
        ],
      );
      const writer = fake.predictions.get(readLedger(app.dataDir, job.id).find((r) => r.kind === "scenes")!.externalId!)!;
      assert.match(
        String(writer.input.prompt_template),
        /Answer with JSON only/,
        "the instructions are in the template the model reads",
      );
      assert.equal(writer.input.system_prompt, undefined, "not in an input this model does not have");
      assert.equal(review.note, null);
    },
  );

  it(
    "splits the prompt itself, and says so, when the writer's answer stays unusable after a repair",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.failNextPrediction(LLM, "bad-json", "bad-json");
      const job = await api.createJob({
        prompt: "A kite rises over the dunes. The string snaps. It drifts out to sea.",
        sceneCount: 3,
      });
      const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      assert.equal(fake.creates(LLM).length, 2, "one request and one repair, no more");
      assert.equal(review.scenes.length, 3);
      assert.equal(review.scenes[0]!.caption, "A kite rises over the dunes.");
      assert.match(review.note ?? "", /The scene writer's answer was unusable, so the scenes were split from your prompt/);
      const calls = readLedger(app.dataDir, job.id).filter((r) => r.kind === "scenes");
      assert.deepEqual(
        calls.map((c) => c.status),
        ["succeeded"],
      );
    },
  );

  it("is refused like Replicate refuses an input outside the model's schema", { timeout: 60_000 }, async () => {
    const refused = await fetch(`${fake.apiUrl}/models/${STILL}/predictions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${fake.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ input: { prompt: "x", aspect_ratio: "7:3", system_prompt: "hi" } }),
    });
    assert.equal(refused.status, 422);
    const body = (await refused.json()) as { detail: string };
    assert.match(body.detail, /Additional property system_prompt is not allowed/);
    assert.match(body.detail, /input.aspect_ratio/);
  });

  it("creates again, unbilled, when Cancel-After ends a prediction that never left the queue", { timeout: 120_000 }, async () => {
    fake.reset();
    fake.failNextPrediction(STILL, "stuck-in-queue");
    const job = await api.createJob({ prompt: "A crowded station. A train arrives.", sceneCount: 2 });
    const stuck = await waitFor("a still stuck in the queue", () =>
      [...fake.predictions.values()].find((p) => p.fault === "stuck-in-queue"),
    );
    assert.ok(stuck.cancelAt, "the create carried Cancel-After");
    fake.advanceClock(121_000); // past the still's 120 s deadline
    await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
    assert.equal(stuck.status, "aborted");
    assert.equal(fake.creates(STILL).length, 3, "the aborted one, then a new one for it, and the other scene's");
    const stills = readLedger(app.dataDir, job.id).filter((r) => r.kind === "still");
    const total = stills.reduce((sum, r) => sum + r.costUsd, 0);
    assert.ok(Math.abs(total - 2 * STILL_MODELS[STILL].perImageUsd) < 1e-12, `an aborted prediction is not billed: $${total}`);
  });

  it("asks the scene writer again when a scene breaks the limits every scene must keep", { timeout: 120_000 }, async () => {
    fake.reset();
    fake.failNextPrediction(LLM, "too-long-scene");
    const job = await api.createJob({ prompt: "A long night. Morning.", sceneCount: 2 });
    const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
    assert.equal(fake.creates(LLM).length, 2, "a 20-second scene is refused and repaired, not passed on to fail the job later");
    const repair = fake.predictions.get(readLedger(app.dataDir, job.id).find((r) => r.kind === "scenes")!.externalId!);
    assert.match(String(repair?.input.prompt), /could not be used \(at 0\.durationSec: A scene lasts from 1\.5 to 15 seconds/);
    assert.ok(review.scenes.every((s) => s.durationSec <= 15));
  });

  it(
    "after a create that timed out, adopts the prediction it made instead of paying for a second",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      const clipsBefore = [...fake.predictions.values()].filter((p) => p.model === CLIP && p.source === "api").length;
      fake.failNextCreate(CLIP, "hang-with-web-twin", "500-after-create");
      const job = await api.createJob({ prompt: "A kite rises. The string snaps.", sceneCount: 2, autoApprove: true });
      await api.waitForStatus(job.id, ["completed"], 90_000);
      const clipPredictions =
        [...fake.predictions.values()].filter((p) => p.model === CLIP && p.source === "api").length - clipsBefore;
      assert.equal(fake.creates(CLIP).length, 2, "one POST per scene; neither was re-sent");
      assert.equal(clipPredictions, 2, "two scenes, two paid predictions: the lost ones were adopted");
      const clips = ledger(job.id).filter((r) => r.kind === "clip");
      assert.equal(new Set(clips.map((c) => c.externalId)).size, 2);
      assert.ok(
        clips.every((c) => c.externalId?.startsWith("fake")),
        `never a twin made on the website, though it came first with the same input: ${clips.map((c) => c.externalId)}`,
      );
      const listed = fake.requests.filter((r) => r.method === "GET" && r.path === "/v1/predictions");
      assert.ok(listed.length >= 2, `the list was followed past its first page (${listed.length} pages read)`);
    },
  );

  it(
    "fails with a sentence a person can read when the model keeps failing or the token is refused",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.failNextPrediction(CLIP, "fail", "fail", "fail");
      const failing = await api.createJob({ prompt: "A storm. The boat rocks.", sceneCount: 2, autoApprove: true });
      const failed = await api.waitForStatus(failing.id, ["failed"], 90_000).catch(() => api.getJob(failing.id));
      assert.equal(failed.status, "failed");
      assert.equal(failed.error, "Rendering the clip for scene 1 failed: The model could not make this: CUDA out of memory");
      assert.equal(fake.creates(CLIP).length, 3, "one try and two retries for clips");
      assert.ok(
        ledger(failing.id)
          .filter((r) => r.kind === "clip")
          .every((r) => r.costUsd === 0),
        "failed predictions are not billed",
      );

      fake.failNextCreate(STILL, "401");
      const refused = await api.createJob({ prompt: "A garden at noon. Bees.", sceneCount: 2 });
      const denied = await api.waitForStatus(refused.id, ["failed"], 60_000).catch(() => api.getJob(refused.id));
      assert.equal(
        denied.error,
        "Drawing the still for scene 1 failed: Replicate refused the API token: check REPLICATE_API_TOKEN.",
      );
    },
  );

  it(
    "pauses behind an open circuit breaker while the API is down, and carries on when it is back",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.setOutage(true);
      const job = await api.createJob({ prompt: "The power fails. Candles are lit.", sceneCount: 2 });
      const health = async () => (await api.request("GET", "/api/health")).json as { replicate: { breaker: string } };
      await waitFor("the breaker to open", async () => (await health()).replicate.breaker === "open");
      const paused = await waitFor("the job to say it is paused", async () => {
        const view = await api.getJob(job.id);
        return view.notice ? view : null;
      });
      assert.equal(paused.status, "parsing", `the job waits; it is not failed: ${paused.error}`);
      assert.match(paused.notice ?? "", /Replicate is not answering/);
      const callsWhilePaused = fake.requests.length;
      await waitFor("the paused runner to try the API again", () => fake.requests.length > callsWhilePaused + 2);
      assert.equal((await api.getJob(job.id)).status, "parsing", "still waiting, not failed, after more failed tries");
      fake.setOutage(false);
      await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      assert.equal((await health()).replicate.breaker, "closed");
      assert.equal((await api.getJob(job.id)).notice, null);
    },
  );

  it(
    "cancels the remote prediction when the job is canceled, and records the started one as billed",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.failNextPrediction(CLIP, "never-finish");
      const job = await api.createJob({ prompt: "A slow sunrise. Birds wake.", sceneCount: 2, autoApprove: true });
      await api.waitForStatus(job.id, ["rendering"], 60_000, 20);
      const started = await waitFor("the clip's prediction to be recorded", () => clipWithPrediction(job.id));
      await waitFor("the clip's prediction to start", () => fake.predictions.get(started.externalId!)?.started_at);
      assert.equal((await api.request("POST", `/api/jobs/${job.id}/cancel`)).status, 200);
      const clip = () => ledger(job.id).find((r) => r.kind === "clip")!;
      await waitFor("the canceled clip's ledger row to settle", () => clip().status !== "running", { timeoutMs: 5000 });
      assert.equal(clip().status, "canceled");
      assert.ok(
        fake.requests.some((r) => r.method === "POST" && r.path === `/v1/predictions/${clip().externalId}/cancel`),
        "canceled on Replicate too",
      );
      assert.equal(fake.predictions.get(clip().externalId!)?.status, "canceled");
      assert.ok(clip().costUsd > 0, `a prediction canceled after it started is billed: ${JSON.stringify(clip())}`);
    },
  );

  it(
    "disabling a person cancels their videos in progress: holds released, the running prediction stopped, nothing more made",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      const since = Date.now();
      const token = await invitePerson(app, { name: "Eve", email: "eve@example.com", password: "eve's password!" });
      const eve = apiClient(app.baseUrl, token);
      // A clip model no other test here uses, so the clip that never finishes is this job's.
      const kling = "kwaivgi/kling-v2.1";
      fake.failNextPrediction(kling, "never-finish");
      const rendering = await eve.createJob({
        clipModel: kling,
        prompt: "A tide comes in. Crabs hide. The moon rises.",
        sceneCount: 3,
        autoApprove: true,
      });
      await eve.waitForStatus(rendering.id, ["rendering"], 60_000, 20);
      const stuck = await waitFor("the clip that never finishes to start", () =>
        [...fake.predictions.values()].find(
          (p) => p.model === kling && p.fault === "never-finish" && p.started_at && Date.parse(p.created_at) >= since,
        ),
      );
      const started = await waitFor("its prediction to be recorded", () =>
        ledger(rendering.id).find((r) => r.externalId === stuck.id),
      );
      const waiting = await eve.createJob({ prompt: "A fox sleeps. It wakes.", sceneCount: 2 });
      await eve.waitForStatus(waiting.id, ["awaiting_approval"], 60_000);

      const users = (await api.request("GET", "/api/users")).json.users as { id: string; email: string }[];
      const eveId = users.find((u) => u.email === "eve@example.com")!.id;
      assert.equal((await api.request("PATCH", `/api/users/${eveId}`, { disabled: true })).status, 200);
      for (const id of [rendering.id, waiting.id]) {
        const row = readJobRow<{ status: string; reservedUsd: number; leaseOwner: string | null }>(app.dataDir, id);
        assert.deepEqual(row, { ...row, status: "canceled", reservedUsd: 0, leaseOwner: null }, `job ${id} ends canceled`);
      }
      const clip = () => ledger(rendering.id).find((r) => r.externalId === started.externalId)!;
      await waitFor("the canceled clip's ledger row to settle", () => clip().status !== "running", { timeoutMs: 5000 });
      assert.equal(fake.predictions.get(started.externalId!)?.status, "canceled", "stopped on Replicate too");
      // Other tests' jobs may still be calling: count this person's calls only (the ledger, and the one clip model).
      const calls = () => [ledger(rendering.id).length, ledger(waiting.id).length, fake.creates(kling).length];
      const before = calls();
      await new Promise((r) => setTimeout(r, 2000));
      assert.deepEqual(calls(), before, "no generation call after the person was disabled");
      assert.equal(ledger(rendering.id).filter((r) => r.status === "running").length, 0);
    },
  );

  it("never shows the API token in logs, API responses or the database", async () => {
    const jobs = await api.request("GET", "/api/jobs");
    const health = await api.request("GET", "/api/health");
    assert.ok(!JSON.stringify(jobs.json).includes(fake.token));
    assert.ok(!JSON.stringify(health.json).includes(fake.token));
    assert.ok(!app.logs().includes(fake.token), "not in the server log");
    assert.ok(!fs.readFileSync(path.join(app.dataDir, "storyreel.db")).includes(fake.token), "not in the database");
  });
});

describe("a server killed while a prediction runs", () => {
  it("polls the recorded prediction after restart instead of creating another", { timeout: 120_000 }, async () => {
    fake.reset();
    fake.failNextPrediction(CLIP, "never-finish");
    const job = await api.createJob({ prompt: "A ferry crosses the bay. It docks.", sceneCount: 2, autoApprove: true });
    const externalId = (await waitFor("the clip's prediction to be recorded", () => clipWithPrediction(job.id))).externalId!;
    const postsBefore = fake.creates(CLIP).length;
    await app.kill();
    fake.predictions.get(externalId)!.fault = undefined; // it finishes while the server is down
    app = await startApp(env(fake), { dataDir: app.dataDir });
    api = apiClient(app.baseUrl, app.token);
    await api.waitForStatus(job.id, ["completed"], 90_000);
    const clips = ledger(job.id).filter((r) => r.kind === "clip");
    assert.equal(clips.length, 2, "one ledger row per clip: the interrupted one was taken up again");
    assert.ok(clips.some((c) => c.externalId === externalId && c.status === "succeeded"));
    assert.equal(fake.creates(CLIP).length - postsBefore, 1, "only the second scene's clip was created after the restart");
  });

  it(
    "makes the clip again when the server was down so long that the finished prediction's output expired",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      fake.failNextPrediction(CLIP, "never-finish");
      const job = await api.createJob({ prompt: "A kite rises. It dips. It soars.", sceneCount: 2, autoApprove: true });
      const externalId = (await waitFor("the clip's prediction to be recorded", () => clipWithPrediction(job.id))).externalId!;
      await app.kill();
      // It finishes while the server is down, then an hour passes: Replicate deletes its output and wipes its inputs.
      const lost = fake.predictions.get(externalId)!;
      lost.fault = undefined;
      lost.polls = 1;
      await fetch(`${fake.apiUrl}/predictions/${externalId}`, { headers: { Authorization: `Bearer ${fake.token}` } });
      assert.equal(lost.status, "succeeded");
      fake.advanceClock(61 * 60_000);
      const output = await fetch(String(lost.output));
      assert.equal(output.status, 404, "the output is gone after an hour");
      const postsBefore = fake.creates(CLIP).length;
      app = await startApp(env(fake), { dataDir: app.dataDir });
      api = apiClient(app.baseUrl, app.token);
      const done = await api.waitForStatus(job.id, ["completed"], 90_000);
      assert.equal(fake.creates(CLIP).length - postsBefore, 2, "the lost clip made again, then the second scene's");
      const clips = ledger(job.id).filter((r) => r.kind === "clip");
      assert.equal(clips.length, 2, "one ledger row per clip");
      assert.ok(clips.every((c) => c.status === "succeeded"));
      // Replicate billed the expired prediction too: the job's cost says so.
      const perClip = 5 * CLIP_MODELS[CLIP].tiers["480p"].perSecondUsd;
      const clipCosts = clips.reduce((sum, c) => sum + c.costUsd, 0);
      assert.ok(Math.abs(clipCosts - 3 * perClip) < 1e-9, `three clip predictions billed: ${clipCosts}`);
      assert.ok(done.costUsd >= clipCosts);
    },
  );

  it("adopts the prediction a create made when the server died before its answer came back", { timeout: 120_000 }, async () => {
    fake.reset();
    fake.failNextCreate(CLIP, "hang-after-create");
    const before = [...fake.predictions.values()].filter((p) => p.model === CLIP && p.source === "api").length;
    const job = await api.createJob({ prompt: "A lantern is lit. The tent glows.", sceneCount: 2, autoApprove: true });
    await waitFor("the clip's create to be sent", () => fake.creates(CLIP).length > 0, { intervalMs: 5 });
    await app.kill(); // the POST is on the wire; its answer never arrives
    assert.equal(ledger(job.id).find((r) => r.kind === "clip")?.externalId ?? null, null, "killed before the id was stored");
    app = await startApp(env(fake), { dataDir: app.dataDir });
    api = apiClient(app.baseUrl, app.token);
    await api.waitForStatus(job.id, ["completed"], 90_000);
    const made = [...fake.predictions.values()].filter((p) => p.model === CLIP && p.source === "api").length - before;
    assert.equal(made, 2, "two scenes, two paid clip predictions");
    const clips = ledger(job.id).filter((r) => r.kind === "clip");
    assert.deepEqual(
      clips.map((c) => c.status),
      ["succeeded", "succeeded"],
      "one ledger row per clip",
    );
  });
});

describe("a separate worker", () => {
  it(
    "is seen paused by the web server: breaker state and the job's notice come from the database",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      const web = await startApp(env(fake, { RUN_WORKER: "false" }));
      const worker = await startWorker(web.dataDir, env(fake));
      try {
        const client = apiClient(web.baseUrl, web.token);
        const health = async () =>
          (await client.request("GET", "/api/health")).json as {
            worker: { inProcess: boolean };
            replicate: { breaker: string; since: string | null; processes: { owner: string; state: string }[] };
          };
        assert.equal((await health()).worker.inProcess, false);
        fake.setOutage(true);
        const job = await client.createJob({ prompt: "The lights go out. A match is struck.", sceneCount: 2 });
        const report = await waitFor("the web server to report the worker's open breaker", async () => {
          const h = await health();
          return h.replicate.breaker === "open" ? h.replicate : null;
        });
        assert.ok(report.since && Date.parse(report.since) <= Date.now(), "with the time it opened");
        assert.ok(
          report.processes.some((p) => p.owner.includes(`:${worker.pid}:`)),
          JSON.stringify(report.processes),
        );
        const paused = await waitFor("the web server to show the job paused", async () => (await client.getJob(job.id)).notice);
        assert.match(paused, /Replicate is not answering/);

        fake.setOutage(false);
        const review = await client.waitForStatus(job.id, ["awaiting_approval"], 60_000);
        assert.equal(review.notice, null, "the notice goes when the work goes on");
        await waitFor("the breaker to close", async () => (await health()).replicate.breaker === "closed");
        await worker.stop();
        assert.deepEqual((await health()).replicate.processes, [], "a worker that stops takes its breaker row with it");
      } finally {
        fake.setOutage(false);
        await worker.stop();
        await web.stop();
      }
    },
  );
});

describe("webhooks", () => {
  it(
    "finish predictions as soon as Replicate calls back, verified and deduplicated, with polling as the fallback",
    { timeout: 120_000 },
    async () => {
      fake.reset();
      const port = await freePort();
      const hooked = await startApp(
        // Polls a minute apart: the job can only finish in seconds if the webhooks do their work.
        env(fake, {
          REPLICATE_POLL_MS: "60000",
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          REPLICATE_WEBHOOK_SECRET: fake.webhookSecret,
        }),
        { port },
      );
      try {
        const client = apiClient(hooked.baseUrl, hooked.token);
        const job = await client.createJob({ prompt: "A bell rings. The doors open.", sceneCount: 2, autoApprove: true });
        await client.waitForStatus(job.id, ["completed"], 60_000);
        const creates = fake.creates();
        assert.equal(creates.length, 5);
        assert.ok(fake.deliveries.length >= 5 && fake.deliveries.every((d) => d.status === 200), JSON.stringify(fake.deliveries));
        assert.ok(fake.polls() <= 2 * creates.length, `${fake.polls()} polls for ${creates.length} predictions`);

        const body = JSON.stringify({ id: "fake000001", status: "succeeded" });
        const now = String(Math.floor(Date.now() / 1000));
        const post = (headers: Record<string, string>) =>
          client.request("POST", "/api/webhooks/replicate", body, { "content-type": "application/json", ...headers });
        const signed = (id: string, timestamp: string) => ({
          "webhook-id": id,
          "webhook-timestamp": timestamp,
          "webhook-signature": `v1,${signWebhook(fake.webhookSecret, id, timestamp, body)}`,
        });
        assert.deepEqual((await post(signed("msg_test_1", now))).json, { received: true, duplicate: false });
        assert.deepEqual(
          (await post(signed("msg_test_1", now))).json,
          { received: true, duplicate: true },
          "a re-delivery is ignored",
        );
        const stale = await post(signed("msg_test_2", String(Number(now) - 3600)));
        assert.equal(stale.status, 401);
        assert.match(stale.json.error.message, /too old/);
        const forged = await post({ ...signed("msg_test_3", now), "webhook-signature": "v1,bm90IHRoZSBzaWduYXR1cmU=" });
        assert.equal(forged.status, 401);
        assert.match(forged.json.error.message, /signature does not match/);
        assert.equal((await post({})).status, 401);
        const disabled = await api.request("POST", "/api/webhooks/replicate", body, signed("msg_test_4", now));
        assert.equal(disabled.status, 404, "the server without a webhook secret has no webhook endpoint");
      } finally {
        await hooked.stop();
      }
    },
  );
});

describe("a new version on the fake Replicate", () => {
  it(
    "bills only the changed scene, as estimated, and a kill while it renders pays for nothing twice",
    { timeout: 180_000 },
    async () => {
      fake.reset();
      const created = await api.createJob({ prompt: "A kite rises. It loops. It lands.", sceneCount: 3, autoApprove: true });
      const v1 = await api.waitForStatus(created.id, ["completed"], 90_000);
      const changed = v1.scenes[1]!;
      const motion = changed.motion === "zoom-in" ? "zoom-out" : "zoom-in";
      assert.equal((await api.request("PATCH", `/api/jobs/${v1.id}/scenes/${changed.id}`, { motion })).status, 200);
      const estimate = await api.request("GET", `/api/jobs/${v1.id}/versions/estimate`);
      assert.deepEqual(estimate.json.clipsToRender, [2]);
      assert.ok(estimate.json.totalUsd > 0);

      fake.failNextPrediction(CLIP, "never-finish");
      const createsBefore = fake.creates(CLIP).length;
      assert.equal((await api.request("POST", `/api/jobs/${v1.id}/versions`)).status, 202);
      const v2Clip = () =>
        queryDb<{ externalId: string | null }>(
          app.dataDir,
          `SELECT externalId FROM Generation WHERE jobId = ? AND versionNumber = 2 AND kind = 'clip' AND externalId IS NOT NULL`,
          v1.id,
        )[0];
      const { externalId } = await waitFor("v2's clip prediction to be recorded", v2Clip);
      await app.kill();
      fake.predictions.get(externalId!)!.fault = undefined;
      app = await startApp(env(fake), { dataDir: app.dataDir });
      api = apiClient(app.baseUrl, app.token);
      const v2 = await api.waitForStatus(v1.id, ["completed"], 90_000);
      assert.equal(v2.currentVersion, 2);

      const calls = queryDb<{ kind: string; sceneId: string | null; status: string; costUsd: number }>(
        app.dataDir,
        `SELECT kind, sceneId, status, costUsd FROM Generation WHERE jobId = ? AND versionNumber = 2 ORDER BY rowid`,
        v1.id,
      );
      const clips = calls.filter((c) => c.kind === "clip");
      assert.deepEqual(
        clips.map((c) => [c.sceneId, c.status]),
        [[changed.id, "succeeded"]],
        "one clip row, for the changed scene, taken up again after the kill",
      );
      assert.equal(fake.creates(CLIP).length - createsBefore, 1, "no second prediction was created");
      const billed = calls.reduce((sum, c) => sum + c.costUsd, 0);
      assert.ok(Math.abs(billed - estimate.json.totalUsd) < 1e-9, `billed ${billed}, estimated ${estimate.json.totalUsd}`);
      assert.ok(Math.abs(v2.versions[0]!.costUsd - billed) < 1e-9);

      // A version that does not fit the person's daily limit is refused before anything is spent or changed.
      const ownerId = (await api.request("GET", "/api/users")).json.users.find(
        (u: { email: string }) => u.email === "owner@storyreel.test",
      ).id;
      assert.equal((await api.request("PATCH", `/api/users/${ownerId}`, { dailyBudgetUsd: 0.0001 })).status, 200);
      try {
        await api.request("PATCH", `/api/jobs/${v1.id}/scenes/${changed.id}`, { motion: "pan-up" });
        const refused = await api.request("POST", `/api/jobs/${v1.id}/versions`);
        assert.equal(refused.status, 402, JSON.stringify(refused.json));
        assert.equal(refused.json.error.code, "budget_exceeded");
        const after = await api.getJob(v1.id);
        assert.deepEqual([after.status, after.currentVersion, after.versions[0]!.number], ["completed", 2, 2]);
        assert.equal(after.scenes[1]!.clipStatus, "ready", "the refused plan marked nothing to render");
      } finally {
        await api.request("PATCH", `/api/users/${ownerId}`, { dailyBudgetUsd: null });
      }
    },
  );
});
