import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, invalidInput } from "@/lib/errors";
import { assertActiveJobLimit } from "@/lib/jobs/active-jobs";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { narrationFingerprint } from "@/lib/media/narration-fingerprint";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { pathForKey, removeKey } from "@/lib/storage/file-storage";
import { attachmentKey, importedClipKey, narrationKey, stillKey, uploadTempKey } from "@/lib/storage/keys";
import { uploadUsage } from "@/lib/uploads/assets";
import { checkClip, checkMusic, checkNarration, checkStill } from "./check-project-media";
import { describeManifestError, manifestFiles, projectFiles, projectManifestSchema, type ProjectManifest } from "./manifest";
import { extractProjectZip, type ExtractedFile, type ZipLimits } from "./read-project-zip";

const MB = 1024 * 1024;
// A project of the most scenes has 3 files a scene, 4 more and 3 folders; room to spare, not for thousands.
const MAX_ENTRIES = 64;
const MAX_RATIO = 100;
const MANIFEST_MAX_BYTES = 1 * MB;

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;

/** The most an import may inflate to: the studio's cap, or less when the person's uploads have less left. */
async function zipLimits(ownerId: string): Promise<ZipLimits> {
  const cap = getEnv().PROJECT_IMPORT_MAX_MB * MB;
  const usage = await uploadUsage(ownerId);
  const left = Math.max(0, usage.quotaBytes - usage.bytes);
  return {
    maxEntries: MAX_ENTRIES,
    maxBytes: Math.min(cap, left),
    maxBytesIs: left < cap ? "quota" : "cap",
    maxRatio: MAX_RATIO,
  };
}

async function readManifest(files: Map<string, ExtractedFile>): Promise<ProjectManifest> {
  const file = files.get(projectFiles.manifest);
  if (!file) throw invalidInput("The ZIP has no manifest.json, so it is not a Storyreel project. Nothing was imported.");
  if (file.bytes > MANIFEST_MAX_BYTES)
    throw invalidInput("The project's manifest.json is larger than 1 MB. Nothing was imported.");
  let json: unknown;
  try {
    json = JSON.parse(await fsp.readFile(file.path, "utf8"));
  } catch {
    throw new AppError("unprocessable", "The project's manifest.json is not JSON. Nothing was imported.");
  }
  try {
    return projectManifestSchema.parse(json);
  } catch (error) {
    if (error instanceof z.ZodError) throw new AppError("unprocessable", `${describeManifestError(error)} Nothing was imported.`);
    throw error;
  }
}

/** Every file the manifest names is there with its hash, and nothing else is. */
function checkFilesAgainstManifest(manifest: ProjectManifest, files: Map<string, ExtractedFile>): void {
  const named = manifestFiles(manifest);
  for (const entry of named) {
    const file = files.get(entry.file);
    if (!file) throw invalidInput(`The manifest names ${entry.file}, which is not in the ZIP. Nothing was imported.`);
    if (file.sha256 !== entry.sha256) {
      throw new AppError(
        "unprocessable",
        `${entry.file} is not the file the manifest describes (its sha256 differs). Nothing was imported.`,
      );
    }
  }
  const expected = new Set([projectFiles.manifest, ...named.map((f) => f.file)]);
  const extra = [...files.keys()].find((name) => !expected.has(name));
  if (extra) throw invalidInput(`The ZIP holds ${extra}, which the manifest does not name. Nothing was imported.`);
}

interface CheckedScene {
  id: string;
  stillPath: string;
  clipPath: string;
  narration: { path: string; seconds: number } | null;
}

async function checkMedia(manifest: ProjectManifest, files: Map<string, ExtractedFile>, workDir: string, signal: AbortSignal) {
  const scenes: CheckedScene[] = [];
  const fileOf = (name: string) => files.get(name)!.path;
  for (const [i, scene] of manifest.scenes.entries()) {
    const label = (kind: string, file: string) => `Scene ${i + 1}'s ${kind} (${file})`;
    const stillPath = path.join(workDir, `still-${i}.jpg`);
    await checkStill(fileOf(scene.still.file), stillPath, label("still", scene.still.file), signal);
    await checkClip(fileOf(scene.clip.file), label("clip", scene.clip.file), {
      aspectRatio: manifest.job.aspectRatio,
      durationSec: scene.durationSec,
      last: i === manifest.scenes.length - 1,
    });
    let narration: CheckedScene["narration"] = null;
    if (scene.narration) {
      const narrationPath = path.join(workDir, `narration-${i}.wav`);
      const what = label("narration", scene.narration.file);
      narration = {
        path: narrationPath,
        seconds: await checkNarration(fileOf(scene.narration.file), narrationPath, what, signal),
      };
    }
    scenes.push({ id: newId("s"), stillPath, clipPath: fileOf(scene.clip.file), narration });
  }
  let musicPath: string | null = null;
  if (manifest.music) {
    musicPath = path.join(workDir, "music-checked.m4a");
    await checkMusic(fileOf(manifest.music.file), musicPath, signal);
  }
  return { scenes, musicPath };
}

/** Renames checked files onto their keys; what was moved is listed so a later failure can take it all back. */
async function moveIntoPlace(moves: { from: string; key: string }[], moved: string[]): Promise<void> {
  for (const { from, key } of moves) {
    const target = pathForKey(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.rename(from, target);
    moved.push(key);
  }
}

export interface ImportedJob {
  id: string;
  links: { self: string; page: string };
}

/**
 * A project ZIP (lib/projects/write-project-zip.ts) made into a job of `ownerId` on this studio: every entry, the
 * manifest, every hash and every file is checked first; then the files are moved to the job's own keys and the
 * job is written, in one transaction, as "rendering" with every clip ready, so the runner only stitches it.
 * Any refusal is an AppError with a sentence, and leaves no row and no file behind.
 */
export async function importProject(ownerId: string, zipPath: string, signal: AbortSignal): Promise<ImportedJob> {
  const workDir = pathForKey(uploadTempKey(`import-${randomBytes(12).toString("hex")}`));
  await fsp.mkdir(workDir, { recursive: true });
  const moved: string[] = [];
  try {
    const files = await extractProjectZip(zipPath, workDir, await zipLimits(ownerId));
    const manifest = await readManifest(files);
    checkFilesAgainstManifest(manifest, files);
    const checked = await checkMedia(manifest, files, workDir, signal);
    signal.throwIfAborted();

    const { job: settings } = manifest;
    const quote = quoteNewJob({
      sceneCount: manifest.scenes.length,
      aspectRatio: settings.aspectRatio,
      narration: !!settings.voice,
    });
    const jobId = newId("c");
    const musicKey = checked.musicPath ? attachmentKey(ownerId, `${randomBytes(12).toString("hex")}.m4a`) : null;
    const scenes = manifest.scenes.map((scene, i) => {
      const ids = checked.scenes[i]!;
      const madeOf = ids.narration && settings.voice ? narrationFingerprint(settings.voice, scene.caption) : null;
      return {
        scene,
        checked: ids,
        stillKey: stillKey(jobId, ids.id, 0),
        clipKey: importedClipKey(jobId, ids.id),
        narrationKey: madeOf ? narrationKey(jobId, ids.id, madeOf) : null,
        narrationOf: madeOf,
      };
    });
    await moveIntoPlace(
      [
        ...scenes.flatMap((s) => [
          { from: s.checked.stillPath, key: s.stillKey },
          { from: s.checked.clipPath, key: s.clipKey },
          ...(s.narrationKey && s.checked.narration ? [{ from: s.checked.narration.path, key: s.narrationKey }] : []),
        ]),
        ...(musicKey && checked.musicPath ? [{ from: checked.musicPath, key: musicKey }] : []),
      ],
      moved,
    );
    await getDb().$transaction(async (tx) => {
      await tx.job.create({
        data: {
          id: jobId,
          userId: ownerId,
          prompt: settings.prompt,
          style: settings.style,
          aspectRatio: settings.aspectRatio,
          sceneCount: scenes.length,
          targetSeconds: settings.targetSeconds,
          seed: settings.seed,
          backend: quote.backend,
          writerModel: quote.models?.writer ?? null,
          stillModel: quote.models?.still ?? null,
          clipModel: quote.models?.clip ?? null,
          clipResolution: quote.clips?.resolution ?? null,
          continuity: quote.clips?.continuity ?? "none",
          voice: settings.voice,
          narratorModel: quote.models?.narrator ?? null,
          musicKey,
          status: "rendering",
          note: `Imported from a project (version ${manifest.version} of a video made on a ${settings.backend} studio); its clips are the project's own.`,
          scenes: {
            create: scenes.map((s) => ({
              id: s.checked.id,
              position: s.scene.position,
              caption: s.scene.caption,
              imagePrompt: s.scene.imagePrompt,
              motion: s.scene.motion,
              durationSec: s.scene.durationSec,
              narrate: s.scene.narrate,
              stillStatus: "ready",
              stillKey: s.stillKey,
              clipStatus: "ready",
              clipKey: s.clipKey,
              narrationKey: s.narrationKey,
              narrationSec: s.checked.narration?.seconds ?? null,
              narrationOf: s.narrationOf,
            })),
          },
        },
      });
      await assertActiveJobLimit(tx, ownerId);
    });
    notifyWorkAvailable();
    return { id: jobId, links: { self: `/api/jobs/${jobId}`, page: `/jobs/${jobId}` } };
  } catch (error) {
    for (const key of moved) await removeKey(key);
    // The job's own folders were made for it; the owner's attachments folder is shared and stays.
    for (const key of new Set(moved.filter((k) => !k.startsWith("attachments/")).map((k) => path.posix.dirname(k)))) {
      await fsp.rm(pathForKey(key), { recursive: true, force: true });
    }
    throw error;
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}
