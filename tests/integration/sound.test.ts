import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { apiClient } from "../helpers/api-client";
import { audioLevel } from "../helpers/audio-level";
import { queryDb, readLedger } from "../helpers/read-db";
import { replicateEnv } from "../helpers/replicate-env";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { NARRATOR_MODELS, STILL_MODELS } from "@/lib/backends/replicate/model-table";
import { startApp, type RunningApp } from "../helpers/start-app";
import { ffmpegPath } from "@/lib/media/binaries";
import { probeAudio, probeVideo } from "@/lib/media/probe-video";

// Narration (espeak-ng), a music bed and a reference image, end to end on the local back end: uploads in, a
// video with AAC sound out, and its captions as subtitle files.
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-sound-it-"));
let app: RunningApp;
let api: ReturnType<typeof apiClient>;

before(async () => {
  app = await startApp();
  api = apiClient(app.baseUrl, app.token);
});
after(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function uploadFile(bytes: Buffer, name: string): Promise<{ id: string; kind: string }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${app.baseUrl}/api/uploads`, { method: "POST", headers: app.auth, body: form });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; kind: string };
}

async function music(seconds: number): Promise<Buffer> {
  const file = path.join(dir, `music-${seconds}.mp3`);
  await run(ffmpegPath(), ["-v", "error", "-f", "lavfi", "-i", `sine=frequency=2000:duration=${seconds}`, "-y", file]);
  return fs.readFileSync(file);
}

describe("narration, music and a reference image", () => {
  it(
    "a narrated video with a music bed: AAC sound as long as the video, scenes as long as their words, the reference in every still",
    { timeout: 180_000 },
    async () => {
      const bed = await uploadFile(await music(3), "bed.mp3");
      const reference = await uploadFile(
        await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 20, g: 180, b: 60 } } })
          .png()
          .toBuffer(),
        "green.png",
      );
      const job = await api.createJob({
        prompt: "An old clockmaker opens his shop at dawn and winds every clock on the wall before the first customer arrives.",
        sceneCount: 2,
        narration: true,
        voice: "en-gb",
        musicUploadId: bed.id,
        referenceUploadId: reference.id,
      });
      assert.deepEqual(job.sound, { voice: "en-gb", music: true, reference: true });
      const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      const still = Buffer.from(
        await (await fetch(`${app.baseUrl}${review.scenes[0]!.stillUrl}`, { headers: app.auth })).arrayBuffer(),
      );
      // (stats() reads the whole input, so the corner is cut out first.)
      const cornerBytes = await sharp(still).extract({ left: 5, top: 5, width: 10, height: 10 }).png().toBuffer();
      const corner = (await sharp(cornerBytes).stats()).channels.map((c) => c.mean);
      assert.ok(corner[1]! > 120 && corner[0]! < 80, `framed by the green reference: ${corner.map(Math.round)}`);
      assert.equal((await api.request("GET", `/api/jobs/${job.id}/captions/vtt`)).status, 409, "no captions before the video");

      // The uploads go; the job has its own copies.
      assert.equal((await api.request("DELETE", `/api/uploads/${bed.id}`)).status, 204);
      assert.equal((await api.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
      const done = await api.waitForStatus(job.id, ["completed"], 150_000);
      const file = path.join(app.dataDir, done.videoUrl!.replace("/api/media/", ""));
      const audio = await probeAudio(file);
      const video = await probeVideo(file);
      assert.equal(audio?.codec, "aac");
      assert.ok(
        Math.abs(audio!.durationSec - done.durationSec!) < 0.15,
        `sound ${audio!.durationSec} s, video ${done.durationSec} s`,
      );
      assert.ok(Math.abs(video.durationSec - done.durationSec!) < 0.15);

      const scenes = queryDb<{ durationSec: number; narrationSec: number; narrationKey: string }>(
        app.dataDir,
        `SELECT durationSec, narrationSec, narrationKey FROM "Scene" WHERE jobId = ? ORDER BY position`,
        job.id,
      );
      for (const scene of scenes) {
        assert.ok(scene.narrationKey && scene.narrationSec > 0.5, "each caption was spoken");
        assert.ok(
          scene.durationSec >= scene.narrationSec + 0.5,
          `a ${scene.durationSec} s scene holds ${scene.narrationSec} s of words`,
        );
      }
      // Speech (300–3000 Hz) while the first caption is read; the music bed under it, then louder once it stops.
      const speech = await audioLevel(file, 0.2, Math.min(1.2, scenes[0]!.narrationSec), "highpass=f=300,lowpass=f=1500");
      assert.ok(speech > -40, `speech at ${speech} dB`);
      const bedUnderWords = await audioLevel(
        file,
        1.6,
        Math.max(1.7, scenes[0]!.narrationSec - 0.2),
        "bandpass=f=2000:width_type=q:w=10",
      );
      const bedAfterWords = await audioLevel(
        file,
        scenes[0]!.narrationSec + 0.4,
        scenes[0]!.durationSec - 0.1,
        "bandpass=f=2000:width_type=q:w=10",
      );
      assert.ok(
        bedAfterWords > -60 && bedAfterWords - bedUnderWords >= 3,
        `the bed rises after the words: ${bedUnderWords} -> ${bedAfterWords} dB`,
      );

      const vtt = await fetch(`${app.baseUrl}${done.captionsUrls!.vtt}`, { headers: app.auth });
      assert.equal(vtt.headers.get("content-type"), "text/vtt; charset=utf-8");
      const cues = (await vtt.text()).split("\n\n");
      assert.equal(cues[0], "WEBVTT");
      assert.equal(cues.length - 1, done.scenes.length);
      const srt = await fetch(`${app.baseUrl}${done.captionsUrls!.srt}`, { headers: app.auth });
      assert.match(await srt.text(), /^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\n/);
    },
  );

  it("refuses what does not fit, with sentences, and makes nothing", async () => {
    const picture = await uploadFile(
      await sharp({ create: { width: 20, height: 20, channels: 3, background: "#888" } })
        .jpeg()
        .toBuffer(),
      "grey.jpg",
    );
    const sound = await uploadFile(await music(2), "beep.mp3");
    const before = (await api.request("GET", "/api/jobs?limit=100")).json.jobs.length;
    const attachments = () => {
      const root = path.join(app.dataDir, "attachments");
      return fs.existsSync(root) ? fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d))).length : 0;
    };
    const copies = attachments();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ voice: "en-gb" }, 400, /A voice goes with "narration": true\./],
      [{ narration: true, voice: "klingon" }, 400, /The voice must be one of en-us, en-us\+f3, en-gb/],
      [{ musicUploadId: picture.id }, 400, /The music must be a sound upload; that one is an image\./],
      [{ referenceUploadId: sound.id }, 400, /The reference must be an image upload; that one is a sound\./],
      [{ musicUploadId: "a0000000000000000000000000" }, 404, /That upload does not exist\./],
      [{ musicUploadId: sound.id, referenceUploadId: "a0000000000000000000000000" }, 404, /That upload does not exist\./],
      [{ musicUploadId: "../../etc/passwd" }, 400, /That is not an upload id\./],
    ];
    for (const [extra, status, message] of cases) {
      const answer = await api.request("POST", "/api/jobs", { prompt: "A test.", sceneCount: 2, ...extra });
      assert.equal(answer.status, status, JSON.stringify(answer.json));
      assert.match(answer.json.error.message, message);
    }
    assert.equal((await api.request("GET", "/api/jobs?limit=100")).json.jobs.length, before);
    assert.equal(attachments(), copies, "no copy of an upload stays behind for a job that was not made");
  });
});

describe("narration on Replicate", () => {
  let fake: FakeReplicate;
  let studio: RunningApp;
  before(async () => {
    fake = await startFakeReplicate();
    studio = await startApp(replicateEnv(fake));
  });
  after(async () => {
    await studio?.stop();
    await fake?.close();
  });

  it(
    "a reference image on Replicate: every still drawn from it by a model that takes one, sent as a file",
    { timeout: 120_000 },
    async () => {
      const client = apiClient(studio.baseUrl, studio.token);
      const kontext = STILL_MODELS["black-forest-labs/flux-kontext-pro"];
      const estimate = await client.request("GET", "/api/estimate?sceneCount=2&reference=true");
      const stills = estimate.json.lines.find((l: { label: string }) => l.label.includes("stills"));
      assert.equal(stills.label, "2 stills (black-forest-labs/flux-kontext-pro)");
      assert.ok(Math.abs(stills.usd - 2 * kontext.perImageUsd) < 1e-12);

      const form = new FormData();
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 30, b: 160 } } })
        .png()
        .toBuffer();
      form.append("file", new Blob([new Uint8Array(png)]), "hero.png");
      const uploaded = (await (
        await fetch(`${studio.baseUrl}/api/uploads`, { method: "POST", headers: studio.auth, body: form })
      ).json()) as { id: string };
      const job = await client.createJob({
        prompt: "The hero leaves home. She reaches the sea.",
        sceneCount: 2,
        referenceUploadId: uploaded.id,
      });
      await client.waitForStatus(job.id, ["awaiting_approval"], 60_000);

      const copy = queryDb<{ referenceKey: string }>(studio.dataDir, `SELECT referenceKey FROM "Job" WHERE id = ?`, job.id)[0]!
        .referenceKey;
      const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
      const drawn = [...fake.predictions.values()].filter((p) => p.model === "black-forest-labs/flux-kontext-pro");
      assert.equal(drawn.length, 2);
      for (const prediction of drawn) {
        const sent = fake.uploadFor(prediction.input.input_image);
        assert.ok(sent, "the reference went up through the files API, as a URL");
        assert.equal(sha(sent.bytes), sha(fs.readFileSync(path.join(studio.dataDir, copy))), "the job's own copy of the upload");
        assert.ok(sent.deleted, "and was deleted once the still was drawn");
        assert.equal(prediction.input.safety_tolerance, 2);
      }
      const ledger = readLedger(studio.dataDir, job.id).filter((r) => r.kind === "still");
      assert.deepEqual(
        ledger.map((r) => r.costUsd),
        [kontext.perImageUsd, kontext.perImageUsd],
      );
    },
  );

  it(
    "a text-to-speech model from the model table speaks each caption, priced in the estimate and billed by run time",
    { timeout: 120_000 },
    async () => {
      const client = apiClient(studio.baseUrl, studio.token);
      const kokoro = NARRATOR_MODELS["jaaari/kokoro-82m"];
      const estimate = await client.request("GET", "/api/estimate?sceneCount=2&narration=true");
      const line = estimate.json.lines.find((l: { label: string }) => l.label.startsWith("Narration"));
      assert.equal(line.label, "Narration of 2 captions (jaaari/kokoro-82m)");
      assert.ok(Math.abs(line.usd - 2 * kokoro.typicalPredictSec * kokoro.perPredictSecondUsd) < 1e-12);
      const silent = await client.request("GET", "/api/estimate?sceneCount=2");
      assert.ok(!silent.json.lines.some((l: { label: string }) => l.label.startsWith("Narration")));

      const job = await client.createJob({
        prompt: "A kite rises. It dances in the wind.",
        sceneCount: 2,
        narration: true,
        voice: "en-gb+f2",
      });
      const review = await client.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      assert.equal((await client.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
      const done = await client.waitForStatus(job.id, ["completed"], 90_000);

      const spoken = [...fake.predictions.values()].filter((p) => p.model === "jaaari/kokoro-82m");
      assert.deepEqual(
        spoken.map((p) => p.input),
        review.scenes.map((s) => ({ text: s.caption, voice: "bf_emma", speed: 0.9 })),
        "one create per caption, in the model's published input schema (the fake answers 422 otherwise)",
      );
      assert.ok(
        spoken.every((p) => p.version === kokoro.ref.split(":")[1]),
        "a community model runs by its pinned version",
      );
      const ledger = readLedger(studio.dataDir, job.id).filter((r) => r.kind === "narration");
      assert.equal(ledger.length, 2);
      for (const row of ledger) {
        assert.equal(row.model, kokoro.ref);
        assert.ok(Math.abs(row.costUsd - 1.25 * kokoro.perPredictSecondUsd) < 1e-12, String(row.costUsd));
        assert.match(row.costBasis ?? "", /^1\.25 s of run time at \$0\.000225\/s$/);
      }
      const audio = await probeAudio(path.join(studio.dataDir, done.videoUrl!.replace("/api/media/", "")));
      assert.equal(audio?.codec, "aac");
    },
  );
});
