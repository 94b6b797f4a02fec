import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import zlib from "node:zlib";
import sharp from "sharp";
import yauzl from "yauzl";
import yazl from "yazl";
import { listFiles } from "../helpers/start-app";
import { prepareFreshDataDir } from "../helpers/test-database";
import { rawZip, type RawEntry } from "../helpers/zip-bytes";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ffmpegPath } from "@/lib/media/binaries";
import { runProcess } from "@/lib/media/run-process";
import { narrationFingerprint } from "@/lib/media/narration-fingerprint";
import { planClips } from "@/lib/pipeline/clip-recipe";
import { importProject } from "@/lib/projects/import-project";
import { projectManifestSchema, type ProjectManifest } from "@/lib/projects/manifest";
import { writeProjectZip } from "@/lib/projects/write-project-zip";
import { pathForKey } from "@/lib/storage/file-storage";
import { attachmentKey, clipKey, narrationKey, stillKey } from "@/lib/storage/keys";
import { toVersionScenes } from "@/lib/versions/version-scenes";

const OWNER = "local";
let dataDir: string;
let scratch: string;
let sourceJobId: string;
let written: ProjectManifest;
/** The good project's files, by name, to build hostile variants from. */
let good: Map<string, Buffer>;

const ffmpeg = (args: string[]) => runProcess(ffmpegPath(), ["-v", "error", "-y", ...args]);
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

async function writeKey(key: string, make: (file: string) => Promise<unknown>) {
  fs.mkdirSync(path.dirname(pathForKey(key)), { recursive: true });
  await make(pathForKey(key));
}

const clip = (file: string, seconds: number, size = "720x720") =>
  ffmpeg([
    ...["-f", "lavfi", "-i", `testsrc=size=${size}:rate=24:duration=${seconds}`],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", file],
  ]);

/** A finished 2-scene job as the pipeline leaves it: narration on the first scene, a music bed, its v1 recorded. */
async function seedFinishedJob(): Promise<string> {
  const db = getDb();
  const musicKey = attachmentKey(OWNER, "seedmusic00000000.m4a");
  await writeKey(musicKey, (f) => ffmpeg(["-f", "lavfi", "-i", "sine=frequency=220:duration=3", "-c:a", "aac", "-f", "mp4", f]));
  const job = await db.job.create({
    data: {
      userId: OWNER,
      prompt: "A lighthouse keeps watch. A ship comes home.",
      style: "storybook",
      aspectRatio: "1:1",
      sceneCount: 2,
      seed: 42,
      backend: "local",
      voice: "en-us",
      musicKey,
      status: "completed",
      currentVersion: 1,
      draftVersion: 2,
    },
  });
  const captions = ["A lighthouse keeps watch.", "A ship comes home."];
  for (const [position, caption] of captions.entries()) {
    const scene = await db.scene.create({
      data: {
        jobId: job.id,
        position,
        caption,
        imagePrompt: caption,
        motion: "zoom-in",
        durationSec: 1.5,
        narrate: position === 0,
      },
    });
    const still = stillKey(job.id, scene.id, 0);
    const made = clipKey(job.id, scene.id, "seedrecipe0000");
    await writeKey(still, (f) =>
      sharp({ create: { width: 720, height: 720, channels: 3, background: "#336699" } })
        .jpeg()
        .toFile(f),
    );
    await writeKey(made, (f) => clip(f, position === 0 ? 2 : 1.5));
    const spoken = position === 0 ? narrationKey(job.id, scene.id, narrationFingerprint("en-us", caption)) : null;
    if (spoken)
      await writeKey(spoken, (f) =>
        ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ac", "1", "-c:a", "pcm_s16le", f]),
      );
    await db.scene.update({
      where: { id: scene.id },
      data: {
        stillKey: still,
        stillStatus: "ready",
        clipKey: made,
        clipStatus: "ready",
        narrationKey: spoken,
        narrationSec: spoken ? 1 : null,
      },
    });
    for (const kind of ["still", "clip"]) {
      await db.generation.create({
        data: {
          jobId: job.id,
          sceneId: scene.id,
          kind,
          backend: "local",
          model: `local/${kind}`,
          inputHash: kind,
          status: "succeeded",
          costUsd: 0.25,
          costBasis: "test",
          versionNumber: 1,
        },
      });
    }
  }
  await db.generation.create({
    data: {
      jobId: job.id,
      kind: "scenes",
      backend: "local",
      model: "local/writer",
      inputHash: "w",
      status: "succeeded",
      costUsd: 0.5,
      versionNumber: 1,
    },
  });
  const scenes = await db.scene.findMany({ where: { jobId: job.id } });
  await db.jobVersion.create({
    data: {
      jobId: job.id,
      number: 1,
      status: "completed",
      scenes: JSON.stringify(toVersionScenes(scenes)),
      musicKey,
      videoKey: `videos/${job.id}/final.mp4`,
      posterKey: `videos/${job.id}/poster.jpg`,
      durationSec: 3,
    },
  });
  return job.id;
}

async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return files;
}

function zipOf(files: Map<string, Buffer>, compress = false): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) zip.addBuffer(data, name, { compress });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** The good project with one file replaced (its hash in the manifest updated) or the manifest changed. */
function variant(change: { file?: [string, Buffer]; manifest?: (m: Record<string, unknown>) => void }): Map<string, Buffer> {
  const files = new Map(good);
  const manifest = JSON.parse(good.get("manifest.json")!.toString()) as ProjectManifest;
  if (change.file) {
    const [name, data] = change.file;
    files.set(name, data);
    const refs = [
      manifest.music,
      manifest.captions.vtt,
      manifest.captions.srt,
      ...manifest.scenes.flatMap((s) => [s.still, s.clip, s.narration]),
    ];
    for (const ref of refs) if (ref?.file === name) ref.sha256 = sha256(data);
  }
  change.manifest?.(manifest as unknown as Record<string, unknown>);
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  return files;
}

const jobCount = () => getDb().job.count();

async function refuses(zip: Buffer, status: number, sentence: RegExp, ending = /Nothing was imported\.$/) {
  const file = path.join(scratch, `hostile-${Math.random().toString(36).slice(2)}.zip`);
  fs.writeFileSync(file, zip);
  const jobs = await jobCount();
  const files = listFiles(dataDir);
  await assert.rejects(importProject(OWNER, file, new AbortController().signal), (error: unknown) => {
    assert.ok(error instanceof AppError, `expected a refusal, got ${String(error)}`);
    assert.equal(error.status, status, error.message);
    assert.match(error.message, sentence);
    assert.match(error.message, ending);
    return true;
  });
  assert.equal(await jobCount(), jobs, "no job was written");
  assert.deepEqual(listFiles(dataDir), files, "no file was kept");
}

const raw = (entries: RawEntry[]) => rawZip([{ name: "manifest.json", data: good.get("manifest.json")! }, ...entries]);

before(async () => {
  process.env.PROJECT_IMPORT_MAX_MB = "30";
  dataDir = prepareFreshDataDir("project");
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-zips-"));
  sourceJobId = await seedFinishedJob();
  const zipPath = path.join(scratch, "project.zip");
  written = await writeProjectZip({ jobId: sourceJobId, version: 1, outPath: zipPath });
  good = await readZip(zipPath);
});

describe("project ZIP", () => {
  it("writes every file of the version with a manifest that parses back to what was written", async () => {
    assert.deepEqual([...good.keys()].sort(), [
      "captions.srt",
      "captions.vtt",
      "clips/01.mp4",
      "clips/02.mp4",
      "manifest.json",
      "music.m4a",
      "narration/01.wav",
      "stills/01.jpg",
      "stills/02.jpg",
    ]);
    const parsed = projectManifestSchema.parse(JSON.parse(good.get("manifest.json")!.toString()));
    assert.deepEqual(parsed, written);
    const plans = planClips(
      await getDb().job.findUniqueOrThrow({ where: { id: sourceJobId } }),
      await getDb().scene.findMany({ where: { jobId: sourceJobId }, orderBy: { position: "asc" } }),
    );
    assert.deepEqual(
      parsed.scenes.map((s) => s.seeds.clip),
      plans.map((p) => p.seed),
      "the clip seeds the render computes",
    );
    assert.equal(parsed.scenes[0]!.seeds.still, 42);
    assert.equal(parsed.scenes[0]!.costUsd, 0.5);
    assert.equal(parsed.costUsd, 1.5);
    assert.deepEqual(parsed.scenes[0]!.models, { still: "local/still", clip: "local/clip", narration: null });
    assert.equal(parsed.scenes[1]!.narration, null);
    assert.equal(parsed.scenes[0]!.clip.sha256, sha256(good.get("clips/01.mp4")!));
    assert.match(good.get("captions.vtt")!.toString(), /^WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nA lighthouse keeps watch\./);
  });

  it("stores media without compressing it again", async () => {
    const zip = await yauzl.openPromise(path.join(scratch, "project.zip"), { lazyEntries: true });
    const methods = new Map<string, number>();
    for await (const entry of zip.eachEntry()) methods.set(entry.fileName, entry.compressionMethod);
    zip.close();
    assert.equal(methods.get("clips/01.mp4"), 0);
    assert.equal(methods.get("stills/01.jpg"), 0);
    assert.equal(methods.get("manifest.json"), 8);
  });

  it("refuses a version that is not finished", async () => {
    await assert.rejects(
      writeProjectZip({ jobId: sourceJobId, version: 2, outPath: path.join(scratch, "none.zip") }),
      /Version 2 of that video does not exist/,
    );
    assert.ok(!fs.existsSync(path.join(scratch, "none.zip")));
  });
});

describe("importing a project ZIP", () => {
  it("makes a job of the caller whose clips are ready, so the runner only stitches it", async () => {
    const file = path.join(scratch, "import.zip");
    fs.writeFileSync(file, await zipOf(good));
    const imported = await importProject(OWNER, file, new AbortController().signal);
    assert.equal(imported.links.self, `/api/jobs/${imported.id}`);
    const job = await getDb().job.findUniqueOrThrow({
      where: { id: imported.id },
      include: { scenes: { orderBy: { position: "asc" } } },
    });
    assert.equal(job.status, "rendering");
    assert.equal(job.backend, "local");
    assert.equal(job.voice, "en-us");
    assert.equal(job.seed, 42);
    assert.match(job.note ?? "", /Imported from a project/);
    assert.ok(job.musicKey && fs.existsSync(pathForKey(job.musicKey)));
    assert.equal(job.scenes.length, 2);
    for (const scene of job.scenes) {
      assert.equal(scene.stillStatus, "ready");
      assert.equal(scene.clipStatus, "ready");
      assert.equal(scene.clipKey, `clips/${job.id}/${scene.id}-imported.mp4`);
      assert.ok(fs.existsSync(pathForKey(scene.stillKey!)) && fs.existsSync(pathForKey(scene.clipKey!)));
    }
    const [first, second] = job.scenes;
    assert.equal(first!.narrationOf, narrationFingerprint("en-us", first!.caption), "the narration is not spoken again");
    assert.ok(fs.existsSync(pathForKey(first!.narrationKey!)));
    assert.equal(second!.narrationKey, null);
    assert.equal(second!.narrate, false);
    // The clip is the project's, byte for byte (a re-encode would change the video).
    assert.equal(sha256(fs.readFileSync(pathForKey(first!.clipKey!))), sha256(good.get("clips/01.mp4")!));
    assert.deepEqual(listFiles(path.join(dataDir, "uploads")), [], "nothing is left in the uploads temp folder");
  });

  it("refuses what is not a ZIP", () => refuses(Buffer.from("just some text, not a zip"), 415, /not a ZIP file/));

  it("refuses names that climb out with ..", () =>
    refuses(raw([{ name: "../x", data: Buffer.from("x") }]), 400, /"\.\.\/x" has "\.\." in its path/));
  it("refuses absolute names", () => refuses(raw([{ name: "/etc/passwd", data: Buffer.from("x") }]), 400, /absolute path/));
  it("refuses backslashes", () => refuses(raw([{ name: "stills\\01.jpg", data: Buffer.from("x") }]), 400, /backslash/));
  it("refuses drive letters", () => refuses(raw([{ name: "C:/stills/01.jpg", data: Buffer.from("x") }]), 400, /drive letter/));
  it("refuses symbolic links", () =>
    refuses(raw([{ name: "stills/01.jpg", data: Buffer.from("/etc/passwd"), unixMode: 0o120777 }]), 400, /symbolic link/));
  it("refuses other entries that are not plain files", () =>
    refuses(raw([{ name: "stills/01.jpg", data: Buffer.alloc(0), unixMode: 0o010644 }]), 400, /not a plain file/));
  it("refuses encrypted entries", () =>
    refuses(raw([{ name: "stills/01.jpg", data: Buffer.from("secret"), method: 8, flags: 1 }]), 400, /encrypted/));
  it("refuses an entry whose size header lies", () =>
    refuses(
      raw([{ name: "captions.vtt", data: Buffer.alloc(5000, 65), method: 8, declaredSize: 10 }]),
      400,
      /does not hold as many bytes as its header says/,
    ));

  it("refuses more entries than a project has", async () => {
    const files = new Map<string, Buffer>();
    for (let i = 0; i < 70; i++) files.set(`stills/${String(i).padStart(2, "0")}.jpg`, Buffer.from("x"));
    await refuses(await zipOf(files), 413, /70 entries; a project has at most 64/);
  });

  it("refuses a ZIP bomb by the bytes it inflates to", () =>
    refuses(
      raw([{ name: "clips/01.mp4", data: Buffer.alloc(20 * 1024 * 1024), method: 8 }]),
      413,
      /inflates to over 100 times its size/,
    ));

  it("refuses files that come to more than the import cap", () =>
    refuses(
      raw([{ name: "clips/01.mp4", data: Buffer.alloc(31 * 1024 * 1024), method: 8 }]),
      413,
      /more than 30 MB, the most one import may be/,
    ));

  it("refuses files that come to more than the person's uploads have left", async () => {
    const db = getDb();
    const quota = 1000 * 1024 * 1024;
    const asset = await db.asset.create({
      data: {
        ownerId: OWNER,
        kind: "image",
        sha256: "f".repeat(64),
        bytes: quota - 50_000,
        contentType: "image/jpeg",
        storageKey: "uploads/local/x.jpg",
        name: "big",
      },
    });
    try {
      await refuses(await zipOf(good), 413, /your uploads have left/);
    } finally {
      await db.asset.delete({ where: { id: asset.id } });
    }
  });

  it("refuses files that are not part of a project", async () => {
    const files = new Map(good).set("notes.txt", Buffer.from("hello"));
    await refuses(await zipOf(files), 400, /"notes\.txt", which is not part of a Storyreel project/);
  });

  it("refuses a ZIP without a manifest", async () => {
    const files = new Map(good);
    files.delete("manifest.json");
    await refuses(await zipOf(files), 400, /no manifest\.json/);
  });

  it("refuses a manifest that is not JSON", async () => {
    await refuses(await zipOf(new Map(good).set("manifest.json", Buffer.from("{nope"))), 422, /not JSON/);
  });

  it("refuses a manifest that fails the schema, naming the field", async () => {
    const files = variant({ manifest: (m) => ((m.scenes as { durationSec: number }[])[1]!.durationSec = 100) });
    await refuses(await zipOf(files), 422, /manifest\.json is not valid: scenes\[1\]\.durationSec: /);
    const voiceless = variant({ manifest: (m) => ((m.job as { voice: string | null }).voice = null) });
    await refuses(await zipOf(voiceless), 422, /scenes\[0\]\.narration: needs the job's voice/);
    const version = variant({ manifest: (m) => (m.formatVersion = 2) });
    await refuses(await zipOf(version), 422, /formatVersion: must be 1/);
  });

  it("reads a manifest written before the back end was called `backend`", () => {
    const manifest = JSON.parse(good.get("manifest.json")!.toString()) as { job: Record<string, unknown> };
    const { backend, ...job } = manifest.job;
    const older = projectManifestSchema.parse({ ...manifest, job: { ...job, provider: backend } });
    assert.equal(older.job.backend, backend);
    assert.throws(() => projectManifestSchema.parse({ ...manifest, job: { ...job, provider: backend, backend } }), /provider/);
  });

  it("refuses a file the manifest names but the ZIP lacks", async () => {
    const files = new Map(good);
    files.delete("clips/02.mp4");
    await refuses(await zipOf(files), 400, /names clips\/02\.mp4, which is not in the ZIP/);
  });

  it("refuses a file whose sha256 differs from the manifest", async () => {
    const files = new Map(good).set("stills/02.jpg", Buffer.concat([good.get("stills/02.jpg")!, Buffer.from([0])]));
    await refuses(await zipOf(files), 422, /stills\/02\.jpg is not the file the manifest describes/);
  });

  it("refuses a file the manifest does not name", async () => {
    const files = variant({ manifest: (m) => (m.music = null) });
    await refuses(await zipOf(files), 400, /holds music\.m4a, which the manifest does not name/);
  });

  it("refuses a still that fails the upload image checks", async () => {
    const files = variant({ file: ["stills/01.jpg", Buffer.from("<html><script>alert(1)</script></html>")] });
    await refuses(await zipOf(files), 415, /Scene 1's still \(stills\/01\.jpg\): This file is text/);
  });

  it("refuses a clip of the wrong frame size", async () => {
    const wrong = path.join(scratch, "wrong.mp4");
    await clip(wrong, 1.5, "640x360");
    const files = variant({ file: ["clips/02.mp4", fs.readFileSync(wrong)] });
    await refuses(
      await zipOf(files),
      422,
      /Scene 2's clip \(clips\/02\.mp4\) is not a video this studio can stitch \(size 640x360, expected 720x720\)/,
    );
  });

  it("refuses a clip of the wrong length", async () => {
    const long = path.join(scratch, "long.mp4");
    await clip(long, 4);
    const files = variant({ file: ["clips/02.mp4", fs.readFileSync(long)] });
    await refuses(await zipOf(files), 422, /duration 4\.00s, expected 1\.50s/);
  });

  it("refuses a narration that fails the sound checks", async () => {
    const fake = Buffer.concat([
      Buffer.from("RIFF"),
      Buffer.alloc(4, 0xff),
      Buffer.from("WAVEfmt "),
      zlib.deflateSync(Buffer.alloc(500, 7)),
    ]);
    const files = variant({ file: ["narration/01.wav", fake] });
    await refuses(await zipOf(files), 422, /Scene 1's narration \(narration\/01\.wav\): /);
  });

  it("takes a still with transparency, stored as the JPEG the pipeline's stills are", async () => {
    const png = await sharp({ create: { width: 720, height: 720, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const file = path.join(scratch, "png-still.zip");
    fs.writeFileSync(file, await zipOf(variant({ file: ["stills/01.jpg", png] })));
    const imported = await importProject(OWNER, file, new AbortController().signal);
    const scene = await getDb().scene.findFirstOrThrow({ where: { jobId: imported.id, position: 0 } });
    assert.equal((await sharp(pathForKey(scene.stillKey!)).metadata()).format, "jpeg");
  });

  it("refuses a job past the person's active job limit, taking back the files it had moved", async () => {
    const room = 100 - (await getDb().job.count({ where: { userId: OWNER, status: { in: ["queued", "rendering"] } } }));
    await getDb().job.createMany({
      data: Array.from({ length: room }, () => ({
        userId: OWNER,
        prompt: "x",
        style: "noir",
        aspectRatio: "1:1",
        sceneCount: 2,
        seed: 1,
        backend: "local" as const,
      })),
    });
    try {
      await refuses(await zipOf(good), 429, /videos in progress/, /cancel one\.$/);
    } finally {
      await getDb().job.deleteMany({ where: { userId: OWNER, prompt: "x" } });
    }
  });

  it("refuses music that is not a sound", async () => {
    const files = variant({ file: ["music.m4a", good.get("stills/01.jpg")!] });
    await refuses(await zipOf(files), 415, /The music \(music\.m4a\): This file is an image, not a sound\./);
  });
});
