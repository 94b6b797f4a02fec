import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";

type Reader = Db | Prisma.TransactionClient;

/** A version's life: rendering until stitched (completed), or stopped (failed, canceled). The column holds these. */
export const VERSION_STATUSES = ["rendering", "completed", "failed", "canceled"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const asVersionStatus = (value: string): VersionStatus => z.enum(VERSION_STATUSES).parse(value);

/** One scene as a version rendered it: the files it used, so a version can be played, exported or restored later. */
export const versionSceneSchema = z.object({
  sceneId: z.string(),
  position: z.number().int().nonnegative(),
  caption: z.string(),
  imagePrompt: z.string(),
  motion: z.string(),
  durationSec: z.number().positive(),
  stillKey: z.string().nullable(),
  clipKey: z.string().nullable(),
  narrationKey: z.string().nullable(),
  narrationSec: z.number().nullable(),
  narrate: z.boolean(),
});
export type VersionScene = z.output<typeof versionSceneSchema>;

/** What changed in one scene from the version before: the words the job page and the API show. */
export const SCENE_CHANGE_KINDS = [
  "added",
  "removed",
  "moved",
  "caption",
  "image prompt",
  "motion",
  "length",
  "still",
  "narration",
] as const;
export type SceneChangeKind = (typeof SCENE_CHANGE_KINDS)[number];
export const sceneChangeSchema = z.object({
  sceneId: z.string(),
  /** Its place (1-based) in the new version, or in the old one for a removed scene. */
  scene: z.number().int().positive(),
  changes: z.array(z.enum(SCENE_CHANGE_KINDS)).min(1),
});
export type SceneChange = z.output<typeof sceneChangeSchema>;

export const parseVersionScenes = (json: string): VersionScene[] => z.array(versionSceneSchema).parse(JSON.parse(json));
export const parseSceneChanges = (json: string): SceneChange[] => z.array(sceneChangeSchema).parse(JSON.parse(json));

/** The scene rows of a job as a version records them, in order. */
export function toVersionScenes(
  scenes: readonly {
    id: string;
    position: number;
    caption: string;
    imagePrompt: string;
    motion: string;
    durationSec: number;
    stillKey: string | null;
    clipKey: string | null;
    narrationKey: string | null;
    narrationSec: number | null;
    narrate: boolean;
  }[],
): VersionScene[] {
  return [...scenes]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      sceneId: s.id,
      position: s.position,
      caption: s.caption,
      imagePrompt: s.imagePrompt,
      motion: s.motion,
      durationSec: s.durationSec,
      stillKey: s.stillKey,
      clipKey: s.clipKey,
      narrationKey: s.narrationKey,
      narrationSec: s.narrationSec,
      narrate: s.narrate,
    }));
}

export interface FinishedVersion {
  jobId: string;
  number: number;
  aspectRatio: string;
  scenes: VersionScene[];
  musicKey: string | null;
  videoKey: string;
  posterKey: string;
  durationSec: number;
}

/** A completed version of a job, with what it was made of; null when there is no such completed version. */
export async function readFinishedVersion(db: Reader, jobId: string, number: number): Promise<FinishedVersion | null> {
  const row = await db.jobVersion.findUnique({
    where: { jobId_number: { jobId, number } },
    include: { job: { select: { aspectRatio: true } } },
  });
  if (!row || row.status !== "completed" || !row.videoKey || !row.posterKey) return null;
  return {
    jobId,
    number,
    aspectRatio: row.job.aspectRatio,
    scenes: parseVersionScenes(row.scenes),
    musicKey: row.musicKey,
    videoKey: row.videoKey,
    posterKey: row.posterKey,
    durationSec: row.durationSec ?? 0,
  };
}
