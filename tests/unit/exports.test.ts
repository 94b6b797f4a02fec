import assert from "node:assert/strict";
import fs from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { waitFor } from "../helpers/wait-for";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ExportRunner } from "@/lib/exports/export-runner";
import { exportRequestSchema, normaliseExport, parseStoredSpec, specHash } from "@/lib/exports/export-spec";
import { exportFrame, exportLabel, presetSpec, type ExportSpec } from "@/lib/exports/export-vocabulary";
import { deleteExport, findExportFile, listExports, requestExport } from "@/lib/exports/exports";
import { renderExport } from "@/lib/exports/render-export";
import { describeZodError } from "@/lib/http/route-handler";
import { createJob } from "@/lib/jobs/create-job";
import { createJobSchema } from "@/lib/jobs/schemas";
import { ffprobePath } from "@/lib/media/binaries";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import { runProcess } from "@/lib/media/run-process";
import { pathForKey } from "@/lib/storage/file-storage";
import { clipKey, exportKey, narrationKey } from "@/lib/storage/keys";
import { readFinishedVersion, type FinishedVersion, type VersionScene } from "@/lib/versions/version-scenes";

// 1 MB: a 480p export fits, a 1080p one of these few seconds does not.
process.env.UPLOAD_QUOTA_MB = "1";
let dataDir: string;
let jobId: string;
const SCENE_SECONDS = 2;
const CAPTION = "A lantern drifts over the quiet harbour at night";

async function probe(file: string) {
  const out = await runProcess(ffprobePath(), [
    ...["-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height:format=duration", "-of", "json", file],
  ]);
  const parsed = JSON.parse(out) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration?: string };
  };
  const video = parsed.streams.find((s) => s.codec_type === "video");
  return {
    codec: video?.codec_name,
    size: `${video?.width}x${video?.height}`,
    durationSec: Number(parsed.format.duration ?? 0),
    audio: parsed.streams.find((s) => s.codec_type === "audio")?.codec_name ?? null,
  };
}

/** A finished version made of two small real clips (and a narration), without running the pipeline. */
async function makeVersion(number: number, caption: string): Promise<FinishedVersion> {
  const scenes: VersionScene[] = [];
  for (const position of [0, 1]) {
    const sceneId = `s${number}x${position}aaaaaaaaaa`;
    const clip = clipKey(jobId, sceneId, "test");
    fs.mkdirSync(path.dirname(pathForKey(clip)), { recursive: true });
    await runFfmpeg([
      ...["-y", "-loglevel", "error", "-f", "lavfi", "-i", `testsrc=s=640x360:r=24:d=${SCENE_SECONDS + 0.5}`],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", pathForKey(clip)],
    ]);
    let narration: string | null = null;
    if (position === 0) {
      narration = narrationKey(jobId, sceneId, "t");
      fs.mkdirSync(path.dirname(pathForKey(narration)), { recursive: true });
      await runFfmpeg(["-y", "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=440:d=1", pathForKey(narration)]);
    }
    scenes.push({
      sceneId,
      position,
      caption,
      imagePrompt: "a harbour",
      motion: "zoom-in",
      durationSec: SCENE_SECONDS,
      stillKey: null,
      clipKey: clip,
      narrationKey: narration,
      narrationSec: narration ? 1 : null,
      narrate: true,
    });
  }
  await getDb().jobVersion.create({
    data: {
      jobId,
      number,
      status: "completed",
      scenes: JSON.stringify(scenes),
      videoKey: `videos/${jobId}/final-v${number}.mp4`,
      posterKey: `videos/${jobId}/poster-v${number}.jpg`,
      durationSec: SCENE_SECONDS * 2,
    },
  });
  return (await readFinishedVersion(getDb(), jobId, number))!;
}

let v1: FinishedVersion;
let uncaptioned: FinishedVersion;

before(async () => {
  dataDir = prepareFreshDataDir("exports");
  const job = await createJob(
    "local",
    createJobSchema.parse({ prompt: "A lantern. A harbour.", sceneCount: 2, aspectRatio: "16:9", seed: 3 }),
  );
  jobId = job.id;
  v1 = await makeVersion(1, CAPTION);
  uncaptioned = await makeVersion(2, "");
  await getDb().jobVersion.create({ data: { jobId, number: 3, status: "rendering" } });
});

const parseRequest = (body: unknown) => {
  const parsed = exportRequestSchema.safeParse(body);
  return parsed.success ? parsed.data : describeZodError(parsed.error);
};

describe("export spec", () => {
  it("turns a preset into its full spec, and the same export asked either way hashes the same", () => {
    const preset = normaliseExport({ version: 1, preset: "tiktok" }, "16:9");
    assert.deepEqual(preset, { format: "mp4", resolution: "1080p", aspect: "9:16", fit: "cover" });
    const custom = normaliseExport({ version: 1, fit: "cover", format: "mp4", aspect: "9:16", resolution: "1080p" }, "16:9");
    assert.equal(specHash(preset), specHash(custom));
    assert.notEqual(specHash(preset), specHash({ ...custom, fit: "blur" } as ExportSpec));
    assert.deepEqual(parseStoredSpec(JSON.stringify(preset)), preset);
  });

  it("fills defaults from the video (its aspect, full size, cover) and drops the frame from captions", () => {
    assert.deepEqual(normaliseExport({ version: 1, format: "webm" }, "1:1"), {
      format: "webm",
      resolution: "1080p",
      aspect: "1:1",
      fit: "cover",
    });
    const srt = normaliseExport({ version: 1, format: "srt", resolution: "480p", aspect: "9:16" }, "16:9");
    assert.deepEqual(srt, { format: "srt" });
  });

  it("knows each frame size in even numbers", () => {
    assert.deepEqual(exportFrame("1080p", "16:9"), { width: 1920, height: 1080 });
    assert.deepEqual(exportFrame("1080p", "9:16"), { width: 1080, height: 1920 });
    assert.deepEqual(exportFrame("1080p", "1:1"), { width: 1080, height: 1080 });
    assert.deepEqual(exportFrame("720p", "9:16"), { width: 720, height: 1280 });
    assert.deepEqual(exportFrame("480p", "16:9"), { width: 854, height: 480 });
    assert.deepEqual(exportFrame("480p", "1:1"), { width: 480, height: 480 });
  });

  it("labels an export the way a person recognises it", () => {
    assert.equal(exportLabel(presetSpec("tiktok")), "TikTok / Reels / Shorts · MP4 1080x1920");
    assert.equal(exportLabel(presetSpec("youtube")), "YouTube · MP4 1920x1080");
    assert.equal(exportLabel(presetSpec("square")), "Square · MP4 1080x1080");
    assert.equal(
      exportLabel({ format: "webm", resolution: "720p", aspect: "9:16", fit: "blur" }),
      "9:16 · WebM 720x1280, blurred fill",
    );
    assert.equal(exportLabel({ format: "gif", resolution: "1080p", aspect: "16:9", fit: "cover" }), "16:9 · GIF preview 480x270");
    assert.equal(exportLabel({ format: "vtt" }), "Captions WebVTT");
  });

  it("refuses a bad request with a sentence", () => {
    assert.match(String(parseRequest({ version: 1 })), /^Say what to export: a preset \(tiktok, youtube or square\)/);
    assert.match(String(parseRequest({ version: 1, preset: "tiktok", format: "gif" })), /send a preset or those, not both/);
    assert.equal(parseRequest({ version: 1, preset: "vine" }), "The preset must be tiktok, youtube or square.");
    assert.equal(
      parseRequest({ version: 1, format: "avi" }),
      "The format must be mp4, webm, gif, webp, poster, vtt, srt or project.",
    );
    assert.equal(parseRequest({ version: 1, format: "mp4", resolution: "4k" }), "The resolution must be 1080p, 720p or 480p.");
    assert.equal(parseRequest({ version: 1, format: "mp4", aspect: "4:3" }), "The aspect must be 16:9, 9:16 or 1:1.");
    assert.equal(parseRequest({ version: 1, format: "mp4", fit: "stretch" }), "The fit must be cover or blur.");
    assert.match(String(parseRequest({ version: 0, preset: "tiktok" })), /^The version must be a whole number/);
    assert.match(String(parseRequest({ version: "1", preset: "tiktok" })), /^The version must be a whole number/);
    assert.equal(parseRequest({ version: 1, preset: "tiktok", codec: "h265" }), "Unknown field: codec.");
  });
});

const outDir = () => fs.mkdtempSync(path.join(dataDir, "out-"));
const render = async (version: FinishedVersion, spec: ExportSpec, name: string) => {
  const outPath = path.join(outDir(), name);
  const seen: number[] = [];
  await renderExport({ version, spec, outPath, onProgress: (f) => seen.push(f), signal: new AbortController().signal });
  return { outPath, seen };
};

describe("rendering each format from the version's own clips", () => {
  const total = SCENE_SECONDS * 2;
  const close = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) <= 0.1, `duration ${actual}, expected ${expected} within 0.1 s`);

  it("MP4: H.264 + AAC at the preset's frame, the version's length, with progress", async () => {
    const { outPath, seen } = await render(v1, { ...presetSpec("tiktok"), resolution: "480p" } as ExportSpec, "a.mp4");
    const info = await probe(outPath);
    assert.deepEqual([info.codec, info.size, info.audio], ["h264", "480x854", "aac"]);
    close(info.durationSec, total);
    assert.ok(seen.length > 0 && seen.at(-1)! > 0.9, `progress reported: ${seen.join(",")}`);
    // +faststart: the index (moov) comes before the media (mdat).
    const head = fs.readFileSync(outPath).subarray(0, 4096).toString("latin1");
    assert.ok(head.indexOf("moov") >= 0 && head.indexOf("moov") < (head.indexOf("mdat") + 1 || Infinity), "moov first");
  });

  it("WebM: VP9 + Opus, blurred fill", async () => {
    const { outPath } = await render(v1, { format: "webm", resolution: "480p", aspect: "1:1", fit: "blur" }, "a.webm");
    const info = await probe(outPath);
    assert.deepEqual([info.codec, info.size, info.audio], ["vp9", "480x480", "opus"]);
    close(info.durationSec, total);
  });

  it("GIF and WebP previews: the first seconds, small", async () => {
    const gif = await probe(
      (await render(v1, { format: "gif", resolution: "1080p", aspect: "9:16", fit: "cover" }, "a.gif")).outPath,
    );
    assert.deepEqual([gif.codec, gif.size], ["gif", "270x480"]);
    close(gif.durationSec, 3);
    const { outPath } = await render(v1, { format: "webp", resolution: "720p", aspect: "16:9", fit: "cover" }, "a.webp");
    const bytes = fs.readFileSync(outPath);
    assert.equal(bytes.subarray(0, 4).toString(), "RIFF");
    assert.equal(bytes.subarray(8, 12).toString(), "WEBP");
    assert.ok(bytes.includes(Buffer.from("ANIM")), "an animated WebP");
    // The bundled ffprobe cannot decode animated WebP; its canvas size is in the VP8X chunk (24-bit, minus one).
    const vp8x = bytes.indexOf(Buffer.from("VP8X"));
    const width = bytes.readUIntLE(vp8x + 12, 3) + 1;
    const height = bytes.readUIntLE(vp8x + 15, 3) + 1;
    assert.deepEqual([width, height], [480, 270]);
  });

  it("poster: a JPEG at the export's frame", async () => {
    const { outPath } = await render(v1, { format: "poster", resolution: "720p", aspect: "1:1", fit: "blur" }, "a.jpg");
    const info = await probe(outPath);
    assert.deepEqual([info.codec, info.size], ["mjpeg", "720x720"]);
  });

  it("captions: one cue per scene, on the version's timeline", async () => {
    const vtt = fs.readFileSync((await render(v1, { format: "vtt" }, "a.vtt")).outPath, "utf8");
    assert.ok(vtt.startsWith("WEBVTT\n"));
    assert.deepEqual(vtt.match(/^\S+ --> \S+$/gm), ["00:00:00.000 --> 00:00:02.000", "00:00:02.000 --> 00:00:04.000"]);
    const srt = fs.readFileSync((await render(v1, { format: "srt" }, "a.srt")).outPath, "utf8");
    const cues = srt.trim().split(/\n\n/);
    assert.equal(cues.length, 2);
    assert.deepEqual(cues[1]!.split("\n"), ["2", "00:00:02,000 --> 00:00:04,000", CAPTION]);
  });

  it("lays the captions out for a 9:16 frame: all of them inside it, above the bottom, away from the sides", async () => {
    const spec: ExportSpec = { format: "mp4", resolution: "480p", aspect: "9:16", fit: "cover" };
    const frames = await Promise.all(
      [v1, uncaptioned].map(async (version, i) => {
        const { outPath } = await render(version, spec, `c${i}.mp4`);
        const raw = `${outPath}.gray`;
        await runFfmpeg([
          "-y",
          "-loglevel",
          "error",
          "-ss",
          "1",
          "-i",
          outPath,
          "-frames:v",
          "1",
          "-vf",
          "format=gray",
          "-f",
          "rawvideo",
          raw,
        ]);
        return fs.readFileSync(raw);
      }),
    );
    const [width, height] = [480, 854];
    assert.equal(frames[0]!.length, width * height);
    let [left, right, top, bottom, count] = [width, -1, height, -1, 0];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (Math.abs(frames[0]![y * width + x]! - frames[1]![y * width + x]!) < 60) continue;
        count++;
        [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
      }
    }
    assert.ok(count > 500, `the caption shows (${count} pixels differ)`);
    assert.ok(left >= width * 0.03 && right <= width * 0.97, `inside the sides: ${left}..${right} of ${width}`);
    assert.ok(
      top >= height * 0.5 && bottom <= height * 0.95,
      `in the lower part, above the bottom: ${top}..${bottom} of ${height}`,
    );
  });
});

describe("asking for exports and making them", () => {
  let runner: ExportRunner | undefined;
  after(async () => runner?.stop());
  const small = { version: 1, resolution: "480p", aspect: "9:16", fit: "cover", format: "mp4" } as const;
  const refusal = (status: number, message: RegExp) => (error: unknown) =>
    error instanceof AppError && error.status === status && message.test(error.message);

  it("refuses another person's job, a version that does not exist and one not finished", async () => {
    await assert.rejects(requestExport("someone-else", jobId, small), refusal(404, /^That job does not exist\.$/));
    await assert.rejects(listExports("someone-else", jobId), refusal(404, /^That job does not exist\.$/));
    await assert.rejects(requestExport("local", jobId, { ...small, version: 9 }), refusal(404, /^Version 9 of this video/));
    await assert.rejects(requestExport("local", jobId, { ...small, version: 3 }), refusal(409, /^Version 3 is still being made/));
  });

  it("refuses an export that would pass the uploads quota, and keeps nothing of it", async () => {
    await assert.rejects(
      requestExport("local", jobId, { version: 1, preset: "youtube" }),
      refusal(413, /^This export needs about 2\.\d MB and your uploads and exports have 1 MB left of 1 MB/),
    );
    assert.equal(await getDb().export.count(), 0);
  });

  it("queues once, renders with a lease into place, records the bytes, and deletes file and row", async () => {
    const first = await requestExport("local", jobId, small);
    const again = await requestExport("local", jobId, { ...small });
    assert.equal(first.created, true);
    assert.deepEqual([again.created, again.export.id], [false, first.export.id]);
    assert.equal(first.export.label, "9:16 · MP4 480x854");
    runner = new ExportRunner({ db: getDb(), concurrency: 1, pollMs: 50, leaseMs: 5000, progressEveryMs: 50 });
    runner.start();
    const done = await waitFor(
      "the export to finish",
      async () => {
        const row = await getDb().export.findUniqueOrThrow({ where: { id: first.export.id } });
        return row.status === "completed" || row.status === "failed" ? row : null;
      },
      { timeoutMs: 60_000 },
    );
    assert.equal(done.status, "completed", done.error ?? "");
    assert.equal(done.leaseToken, null);
    assert.equal(done.key, exportKey(jobId, done.id, "mp4"));
    assert.equal(done.bytes, fs.statSync(pathForKey(done.key!)).size);
    const file = await findExportFile("local", jobId, done.id);
    assert.equal(file.contentType, "video/mp4");
    assert.equal(file.downloadName, `storyreel-${jobId}-v1-480x854.mp4`);
    const [view] = await listExports("local", jobId);
    assert.deepEqual([view!.status, view!.progress, view!.bytes], ["completed", 1, done.bytes]);
    assert.equal(view!.downloadUrl, `/api/jobs/${jobId}/exports/${done.id}/file`);
    assert.deepEqual(fs.readdirSync(path.dirname(pathForKey(done.key!))), [path.basename(done.key!)], "no partial files");
    await assert.rejects(deleteExport("someone-else", jobId, done.id), refusal(404, /^That job does not exist/));
    await deleteExport("local", jobId, done.id);
    assert.equal(fs.existsSync(pathForKey(done.key!)), false);
    await assert.rejects(deleteExport("local", jobId, done.id), refusal(404, /^That export does not exist/));
  });

  it("takes over an export whose runner died mid-way, removing what it half wrote", async () => {
    const { export: view } = await requestExport("local", jobId, { version: 1, format: "srt" });
    const partial = `${pathForKey(exportKey(jobId, view.id, "srt"))}.dead.part.srt`;
    fs.writeFileSync(partial, "half");
    // Another process on this host (pid 2^22 + 1 is past Linux's largest) held it, with a lease hours from expiring.
    await getDb().export.update({
      where: { id: view.id },
      data: {
        status: "running",
        leaseOwner: `${hostname()}:4194305:dead00`,
        leaseToken: "t-dead",
        leaseExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await runner!.stop();
    runner = new ExportRunner({ db: getDb(), concurrency: 1, pollMs: 50, leaseMs: 5000 });
    runner.start();
    const done = await waitFor("the export to be taken over", async () => {
      const row = await getDb().export.findUniqueOrThrow({ where: { id: view.id } });
      return row.status === "completed" ? row : null;
    });
    assert.equal(fs.existsSync(partial), false, "the dead runner's partial file is gone");
    assert.match(fs.readFileSync(pathForKey(done.key!), "utf8"), /^1\n00:00:00,000 --> 00:00:02,000/);
  });

  it("marks an export failed with a sentence, and queues it again when asked again", async () => {
    await runner!.stop();
    const { export: view } = await requestExport("local", jobId, { version: 1, format: "poster", resolution: "480p" });
    // The version's clip is gone from disk: the render cannot succeed.
    const row = await getDb().jobVersion.findUniqueOrThrow({ where: { jobId_number: { jobId, number: 1 } } });
    const clip = pathForKey(JSON.parse(row.scenes)[0].clipKey);
    fs.renameSync(clip, `${clip}.away`);
    runner = new ExportRunner({ db: getDb(), concurrency: 1, pollMs: 50, leaseMs: 5000 });
    runner.start();
    const failed = await waitFor("the export to fail", async () => {
      const current = await getDb().export.findUniqueOrThrow({ where: { id: view.id } });
      return current.status === "failed" ? current : null;
    });
    assert.equal(failed.error, "Making this export failed. Ask for it again to retry.");
    assert.equal(failed.bytes, 0);
    fs.renameSync(`${clip}.away`, clip);
    const retried = await requestExport("local", jobId, { version: 1, format: "poster", resolution: "480p" });
    assert.deepEqual([retried.created, retried.export.id, retried.export.error], [true, view.id, null]);
    await waitFor("the retried export to finish", async () => {
      const current = await getDb().export.findUniqueOrThrow({ where: { id: view.id } });
      return current.status === "completed";
    });
  });
});
