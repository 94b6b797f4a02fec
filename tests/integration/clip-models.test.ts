import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { apiClient } from "../helpers/api-client";
import { startApp, type RunningApp } from "../helpers/start-app";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { readLedger } from "../helpers/read-db";
import { extractLastFrame } from "@/lib/media/last-frame";
import { probeVideo } from "@/lib/media/probe-video";
import { CLIP_MODELS } from "@/lib/backends/replicate/model-table";
import type { JobView } from "@/lib/jobs/job-view";
import { replicateEnv } from "../helpers/replicate-env";

// The clip models a person can pick, and continuity between scenes, on the real app against the strict fake:
// every create must pass the model's published input schema, or the fake answers 422 as Replicate does.
let fake: FakeReplicate;
let app: RunningApp;
let api: ReturnType<typeof apiClient>;

before(async () => {
  fake = await startFakeReplicate();
  app = await startApp(replicateEnv(fake));
  api = apiClient(app.baseUrl, app.token);
});
after(async () => {
  await app?.stop();
  await fake?.close();
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const fetchBytes = async (url: string) =>
  Buffer.from(await (await fetch(`${app.baseUrl}${url}`, { headers: app.auth })).arrayBuffer());
const meanColour = async (image: Buffer | string) => (await sharp(image).stats()).channels.slice(0, 3).map((c) => c.mean);
const closeColours = (a: number[], b: number[], tolerance: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

/** The clip predictions of one model in the order they were made, with the files they were sent. */
function clipCreates(model: string, since: number) {
  return [...fake.predictions.values()]
    .filter((p) => p.model === model && p.source === "api" && Date.parse(p.created_at) >= since)
    .map((p) => p.input);
}

async function makeVideo(input: Record<string, unknown>): Promise<JobView> {
  const job = await api.createJob({ sceneCount: 3, ...input });
  await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
  assert.equal((await api.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
  return api.waitForStatus(job.id, ["completed"], 90_000);
}

describe("choosing the clip model", () => {
  it("refuses choices the model cannot make, with a sentence, before anything is created or spent", async () => {
    const before = (await api.request("GET", "/api/jobs?limit=100")).json.jobs.length;
    fake.reset();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ clipModel: "acme/nope" }, /"acme\/nope" is not a clip model Storyreel offers; choose one of .*minimax\/hailuo-02/],
      [{ clipModel: 42 }, /The clip model must be a model name/],
      [{ clipModel: "kwaivgi/kling-v2.1", clipResolution: "4k" }, /Kling 2.1 makes 720p, 1080p video, not 4k\./],
      [
        { clipModel: "kwaivgi/kling-v2.1", clipResolution: "720p", continuity: "continuous" },
        /Kling 2.1 at 720p cannot end a clip on a chosen frame, so scenes cannot be continuous \(choose 1080p, or chained scenes\)/,
      ],
      [{ clipModel: "google/veo-3.1-fast", aspectRatio: "1:1" }, /Veo 3.1 Fast makes 16:9, 9:16 video only, not 1:1\./],
      [{ continuity: "sideways" }, /Continuity must be one of none, continuous, chained/],
    ];
    for (const [choice, message] of cases) {
      const res = await api.request("POST", "/api/jobs", { prompt: "A fox runs.", ...choice });
      assert.equal(res.status, 400, JSON.stringify(res.json));
      assert.match(res.json.error.message, message);
      if (!Object.values(choice).every((v) => typeof v === "string")) continue;
      const query = new URLSearchParams(choice as Record<string, string>);
      const estimate = await api.request("GET", `/api/estimate?${query}`);
      assert.equal(estimate.status, 400, `estimate ${query}`);
      assert.match(estimate.json.error.message, message);
    }
    assert.equal((await api.request("GET", "/api/jobs?limit=100")).json.jobs.length, before);
    assert.equal(fake.creates().length, 0);
  });

  it("refuses names every object inherits (toString, __proto__...) wherever a request names a table entry", async () => {
    const before = (await api.request("GET", "/api/jobs?limit=100")).json.jobs.length;
    fake.reset();
    const inherited = ["toString", "__proto__", "constructor", "hasOwnProperty"];
    const fields: [string, (name: string) => Record<string, string>, RegExp][] = [
      ["clipModel", (name) => ({ clipModel: name }), /is not a clip model Storyreel offers; choose one of/],
      [
        "clipResolution",
        (name) => ({ clipModel: "kwaivgi/kling-v2.1", clipResolution: name }),
        // Names longer than a resolution are refused by length first, the others by the model.
        /^(Kling 2\.1 makes 720p, 1080p video, not \w+\.|The clip resolution must be text such as 720p\.)$/,
      ],
      ["continuity", (name) => ({ continuity: name }), /Continuity must be one of/],
      ["aspectRatio", (name) => ({ aspectRatio: name }), /Aspect ratio must be one of/],
      ["style", (name) => ({ style: name }), /Style must be one of/],
      ["voice", (name) => ({ narration: "true", voice: name }), /The voice must be one of/],
    ];
    for (const name of inherited) {
      for (const [field, choice, message] of fields) {
        const body = Object.fromEntries(Object.entries(choice(name)).map(([k, v]) => [k, v === "true" ? true : v]));
        const res = await api.request("POST", "/api/jobs", { prompt: "A fox runs.", ...body });
        assert.equal(res.status, 400, `${field}=${name}: ${JSON.stringify(res.json)}`);
        assert.match(res.json.error.message, message, `${field}=${name} is refused with a sentence`);
        if (field === "style" || field === "voice") continue;
        const estimate = await api.request("GET", `/api/estimate?${new URLSearchParams(choice(name))}`);
        assert.equal(estimate.status, 400, `estimate ${field}=${name}: ${JSON.stringify(estimate.json)}`);
        assert.match(estimate.json.error.message, message);
      }
    }
    assert.equal((await api.request("GET", "/api/jobs?limit=100")).json.jobs.length, before);
    assert.equal(fake.creates().length, 0);
  });

  it("estimates from the chosen model's price at the chosen resolution and the lengths it allows", async () => {
    const estimate = async (query: string) => {
      const res = await api.request("GET", `/api/estimate?sceneCount=4&${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      return res.json as { lines: { label: string; usd: number }[]; clips: { resolution: string; continuity: string } };
    };
    const clipLine = (e: { lines: { label: string; usd: number }[] }) => e.lines[2]!;
    const hailuo = await estimate("clipModel=minimax/hailuo-02&clipResolution=768p");
    assert.equal(clipLine(hailuo).label, "4 clips of 6 s at 768p (minimax/hailuo-02)");
    assert.ok(Math.abs(clipLine(hailuo).usd - 4 * 6 * CLIP_MODELS["minimax/hailuo-02"].tiers["768p"].perSecondUsd) < 1e-9);
    // Veo ends on a given frame only over 8 s: three 8 s clips, and the last (no next still) the shortest, 4 s.
    const veo = await estimate("clipModel=google/veo-3.1-fast&continuity=continuous");
    assert.equal(clipLine(veo).label, "4 clips of 8 or 4 s at 720p (google/veo-3.1-fast)");
    assert.ok(Math.abs(clipLine(veo).usd - (3 * 8 + 4) * 0.1) < 1e-9);
    assert.deepEqual(veo.clips, { resolution: "720p", continuity: "continuous" });
    const defaults = await estimate("");
    assert.deepEqual(defaults.clips, { resolution: "480p", continuity: "none" });
  });
});

describe("the per-video limit", () => {
  it(
    "refuses a video estimated over BUDGET_JOB_MAX_USD with 402 before anything is made or spent",
    { timeout: 60_000 },
    async () => {
      const capped = await startApp(replicateEnv(fake, { BUDGET_JOB_MAX_USD: "1" }));
      try {
        const client = apiClient(capped.baseUrl, capped.token);
        const before = fake.creates().length;
        const pricey = {
          prompt: "A comet crosses the sky.",
          sceneCount: 4,
          clipModel: "google/veo-3.1-fast",
          continuity: "continuous",
        };
        const estimate = await client.request("GET", `/api/estimate?${new URLSearchParams({ ...pricey, sceneCount: "4" })}`);
        assert.equal(estimate.status, 402);
        assert.equal(estimate.json.error.code, "budget_exceeded");
        assert.match(estimate.json.error.message, /estimated at \$2\.\d\d, over this studio's limit of \$1\.00 per video/);
        const refused = await client.request("POST", "/api/jobs", pricey);
        assert.equal(refused.status, 402);
        assert.equal((await client.request("GET", "/api/jobs")).json.jobs.length, 0, "nothing was created");
        assert.equal(fake.creates().length, before, "nothing was spent");
        assert.equal(
          (await client.request("POST", "/api/jobs", { prompt: "A comet crosses the sky.", sceneCount: 2 })).status,
          201,
        );
      } finally {
        await capped.stop();
      }
    },
  );
});

describe("continuity between scenes", () => {
  it(
    "continuous: every clip but the last ends on the next scene's still, sent as an uploaded file",
    { timeout: 120_000 },
    async () => {
      const since = Date.now();
      const done = await makeVideo({
        prompt: "A kite lifts. It climbs over the dunes. It lands by the sea.",
        clipModel: "google/veo-3.1-fast",
        continuity: "continuous",
      });
      assert.deepEqual(done.clips, { model: "google/veo-3.1-fast", resolution: "720p", continuity: "continuous" });
      const inputs = clipCreates("google/veo-3.1-fast", since);
      assert.equal(inputs.length, 3, "one create per clip: none was refused");
      const stills = await Promise.all(done.scenes.map((s) => fetchBytes(s.stillUrl!)));
      for (const [i, input] of inputs.entries()) {
        assert.equal(sha256(fake.uploadFor(input.image)!.bytes), sha256(stills[i]!), `clip ${i + 1} starts on its own still`);
        if (i < 2) {
          assert.equal(sha256(fake.uploadFor(input.last_frame)!.bytes), sha256(stills[i + 1]!), `clip ${i + 1} ends on the next`);
          assert.equal(input.duration, 8, "Veo interpolates to a last frame over 8 s only");
        } else {
          assert.equal(input.last_frame, undefined, "the last clip has no next scene to end on");
        }
        assert.match(String(input.prompt), /\. slow (push-in|pull-back|camera)/, "the scene in words, then the camera");
      }
      assert.ok(
        [...fake.uploads.values()].every((file) => file.deleted),
        "every uploaded frame is deleted afterwards",
      );
      const clipRows = readLedger(app.dataDir, done.id).filter((r) => r.kind === "clip");
      assert.deepEqual(
        clipRows.map((r) => r.costBasis),
        ["8 s of 720p video at $0.1/s", "8 s of 720p video at $0.1/s", "4 s of 720p video at $0.1/s"],
      );
      const video = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-continuous-")), "final.mp4");
      fs.writeFileSync(video, await fetchBytes(done.videoUrl!));
      assert.equal((await probeVideo(video)).codec, "h264");
    },
  );

  it("chained: every clip after the first starts on the previous clip's last frame", { timeout: 120_000 }, async () => {
    const since = Date.now();
    const done = await makeVideo({
      prompt: "A train leaves the station. It crosses the bridge. It enters the tunnel.",
      clipModel: "kwaivgi/kling-v2.1",
      continuity: "chained",
    });
    const inputs = clipCreates("kwaivgi/kling-v2.1", since);
    assert.equal(inputs.length, 3);
    assert.ok(inputs.every((input) => input.mode === "standard" && input.end_image === undefined));
    const stills = await Promise.all(done.scenes.map((s) => fetchBytes(s.stillUrl!)));
    assert.equal(sha256(fake.uploadFor(inputs[0]!.start_image)!.bytes), sha256(stills[0]!), "the first clip starts on its still");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-chained-"));
    for (const i of [1, 2]) {
      const sent = fake.uploadFor(inputs[i]!.start_image)!.bytes;
      const previousClip = path.join(dir, `clip-${i}.mp4`);
      fs.writeFileSync(previousClip, await fetchBytes(done.scenes[i - 1]!.clipUrl!));
      const lastFrame = path.join(dir, `last-${i}.jpg`);
      await extractLastFrame(previousClip, lastFrame);
      const [sentColour, lastColour, stillColour] = await Promise.all([
        meanColour(sent),
        meanColour(lastFrame),
        meanColour(stills[i]!),
      ]);
      assert.ok(closeColours(sentColour, lastColour, 2), `clip ${i + 1} starts where clip ${i} ended`);
      assert.ok(!closeColours(sentColour, stillColour, 10), `clip ${i + 1} does not start on its own still`);
    }
  });
});
