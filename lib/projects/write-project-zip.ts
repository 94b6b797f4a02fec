import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { getDb } from "@/lib/db/client";
import type { Generation, Job } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { encodeMove } from "@/lib/backends/local/local-animator";
import { isMovePath, readMove } from "@/lib/media/scene-move";
import { subtitles } from "@/lib/media/subtitles";
import { pathForKey } from "@/lib/storage/file-storage";
import { planClips } from "@/lib/pipeline/clip-recipe";
import { readFinishedVersion, type VersionScene } from "@/lib/versions/version-scenes";
import { asAspectRatio, asMotion, asStyle, asVoice } from "@/lib/vocabulary";
import { projectFiles, projectManifestSchema, type ProjectCall, type ProjectManifest } from "./manifest";

interface ZipParts {
  job: Job;
  finished: NonNullable<Awaited<ReturnType<typeof readFinishedVersion>>>;
  version: number;
  calls: Generation[];
  media: Media[];
  outPath: string;
  signal?: AbortSignal;
}

export interface WriteProjectZipInput {
  jobId: string;
  version: number;
  outPath: string;
  signal?: AbortSignal;
}

async function sha256Of(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(filePath), hash);
  return hash.digest("hex");
}

const sha256OfText = (text: string) => createHash("sha256").update(text).digest("hex");
const roundUsd = (usd: number) => Math.round(usd * 1e6) / 1e6;
const sumUsd = (calls: ProjectCall[]) => roundUsd(calls.reduce((sum, c) => sum + c.costUsd, 0));
// The revision a still's key was made at (`…-r3.jpg`).
const revisionOf = (key: string | null) => Number(/-r(\d+)\.\w+$/.exec(key ?? "")?.[1] ?? 0);

function toCall(row: Generation): ProjectCall {
  return {
    kind: row.kind as ProjectCall["kind"],
    model: row.model,
    status: row.status,
    costUsd: row.costUsd,
    costBasis: row.costBasis,
    versionNumber: row.versionNumber,
  };
}

const lastModel = (calls: ProjectCall[], kind: ProjectCall["kind"]) =>
  calls.filter((c) => c.kind === kind && c.status === "succeeded").at(-1)?.model ?? null;

/** The file each manifest entry names, read from storage, in ZIP order. */
interface Media {
  name: string;
  filePath: string;
}

function describeScene(
  job: Job,
  scene: VersionScene,
  index: number,
  clipSeed: number,
  calls: ProjectCall[],
  hashes: Map<string, string>,
) {
  const still = projectFiles.still(index);
  const clip = projectFiles.clip(index);
  const narration = scene.narrationKey ? projectFiles.narration(index) : null;
  return {
    position: index,
    caption: scene.caption,
    imagePrompt: scene.imagePrompt,
    motion: asMotion(scene.motion),
    durationSec: scene.durationSec,
    narrate: scene.narrate,
    narrationSec: scene.narrationKey ? scene.narrationSec : null,
    still: { file: still, sha256: hashes.get(still)! },
    clip: { file: clip, sha256: hashes.get(clip)! },
    narration: narration ? { file: narration, sha256: hashes.get(narration)! } : null,
    models: { still: lastModel(calls, "still"), clip: lastModel(calls, "clip"), narration: lastModel(calls, "narration") },
    seeds: {
      still: job.seed + revisionOf(scene.stillKey) * 7919,
      clip: clipSeed,
    },
    calls,
    costUsd: sumUsd(calls),
  };
}

/**
 * A finished version of a job as a project ZIP another studio can import: manifest.json (settings, scenes,
 * models, seeds and the ledger's costs), each scene's still, clip and narration, the music bed and the
 * captions. Media is stored as it is (already compressed; a recorded camera move is encoded as its clip); written
 * to a temp file renamed onto `outPath`.
 */
export async function writeProjectZip({ jobId, version, outPath, signal }: WriteProjectZipInput): Promise<ProjectManifest> {
  const db = getDb();
  const finished = await readFinishedVersion(db, jobId, version);
  if (!finished) throw notFound(`Version ${version} of that video`);
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  // The calls made up to this version (later versions' calls are theirs); rows before versions existed count as v1.
  const rows = await db.generation.findMany({ where: { jobId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
  const calls = rows.filter((r) => (r.versionNumber ?? 1) <= version);

  await fsp.mkdir(path.dirname(outPath), { recursive: true });
  const workDir = await fsp.mkdtemp(`${outPath}.clips-`);
  try {
    const media: Media[] = [];
    for (const [i, scene] of finished.scenes.entries()) {
      if (!scene.stillKey || !scene.clipKey) throw new Error(`Scene ${i + 1} of version ${version} has no still or clip.`);
      media.push({ name: projectFiles.still(i), filePath: pathForKey(scene.stillKey) });
      media.push({ name: projectFiles.clip(i), filePath: await clipVideo(pathForKey(scene.clipKey), workDir, i, signal) });
      if (scene.narrationKey) media.push({ name: projectFiles.narration(i), filePath: pathForKey(scene.narrationKey) });
    }
    return await writeZip({ job, finished, version, calls, media, outPath, signal });
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}

/** The ZIP carries clips as videos: a recorded camera move is encoded for it, once, here. */
async function clipVideo(clipPath: string, workDir: string, index: number, signal?: AbortSignal): Promise<string> {
  if (!isMovePath(clipPath)) return clipPath;
  const out = path.join(workDir, `clip-${index}.mp4`);
  await encodeMove(await readMove(clipPath), out, signal);
  return out;
}

async function writeZip({ job, finished, version, calls, media, outPath, signal }: ZipParts): Promise<ProjectManifest> {
  if (finished.musicKey) media.push({ name: projectFiles.music, filePath: pathForKey(finished.musicKey) });
  const hashes = new Map<string, string>();
  for (const file of media) hashes.set(file.name, await sha256Of(file.filePath));
  signal?.throwIfAborted();

  const vtt = subtitles(finished.scenes, "vtt");
  const srt = subtitles(finished.scenes, "srt");
  // The clip seeds as the render computes them (lib/pipeline/clip-recipe.ts), from the version's own scenes.
  const clipPlans = planClips(
    job,
    finished.scenes.map((s) => ({ ...s, id: s.sceneId, stillRevision: revisionOf(s.stillKey), clipStatus: "ready" })),
  );
  const scenes = finished.scenes.map((scene, i) =>
    describeScene(job, scene, i, clipPlans[i]!.seed, calls.filter((c) => c.sceneId === scene.sceneId).map(toCall), hashes),
  );
  const jobCalls = calls.filter((c) => c.sceneId === null).map(toCall);
  const manifest: ProjectManifest = projectManifestSchema.parse({
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    version,
    job: {
      prompt: job.prompt,
      style: asStyle(job.style),
      aspectRatio: asAspectRatio(job.aspectRatio),
      targetSeconds: job.targetSeconds,
      seed: job.seed,
      continuity: job.continuity,
      voice: job.voice ? asVoice(job.voice) : null,
      backend: job.backend,
      models: {
        writer: job.writerModel,
        still: job.stillModel,
        clip: job.clipModel,
        clipResolution: job.clipResolution,
        narrator: job.narratorModel,
      },
    },
    scenes,
    music: finished.musicKey ? { file: projectFiles.music, sha256: hashes.get(projectFiles.music)! } : null,
    captions: {
      vtt: { file: projectFiles.vtt, sha256: sha256OfText(vtt) },
      srt: { file: projectFiles.srt, sha256: sha256OfText(srt) },
    },
    calls: jobCalls,
    durationSec: finished.durationSec,
    costUsd: roundUsd(scenes.reduce((sum, s) => sum + s.costUsd, 0) + sumUsd(jobCalls)),
  });

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), projectFiles.manifest);
  zip.addBuffer(Buffer.from(vtt), projectFiles.vtt);
  zip.addBuffer(Buffer.from(srt), projectFiles.srt);
  for (const file of media) zip.addFile(file.filePath, file.name, { compress: false });
  zip.end();
  const temp = `${outPath}.${randomBytes(4).toString("hex")}.part`;
  try {
    await pipeline(zip.outputStream, fs.createWriteStream(temp), { signal });
    await fsp.rename(temp, outPath);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  return manifest;
}
