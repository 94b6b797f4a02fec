import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { clipsCostUsd, PRICED_JOB_FIELDS, type SceneWork } from "@/lib/costs/work-cost";
import { narrationToMake } from "@/lib/media/narration-fingerprint";
import { planClips, type RecipeJob } from "@/lib/pipeline/clip-recipe";
import { statKey } from "@/lib/storage/file-storage";
import { diffScenes } from "./version-changes";
import { parseVersionScenes, toVersionScenes, type SceneChange, type VersionScene } from "./version-scenes";

type Reader = Db | Prisma.TransactionClient;

export interface VersionPlan {
  number: number;
  basedOn: number | null;
  changes: SceneChange[];
  musicChanged: boolean;
  /** Per scene in order: its clip kept (made from the same inputs before) or to render, and where it will be. */
  clips: { sceneId: string; scene: number; render: boolean; key: string }[];
  /** Scenes whose caption is to be spoken (again). */
  narrations: number[];
  /** Scenes without a still (one is being drawn, or drawing it failed). */
  stillsMissing: number[];
  estimate: { totalUsd: number; lines: { label: string; usd: number }[] };
}

/**
 * What rendering the job's draft as its next version will do and cost, with nothing written: each clip is made
 * again only when what it is made from changed, and a clip made before from the same inputs is used again.
 */
export async function planVersion(db: Reader, jobId: string): Promise<VersionPlan> {
  const job = await db.job.findUniqueOrThrow({
    where: { id: jobId },
    select: {
      id: true,
      seed: true,
      aspectRatio: true,
      currentVersion: true,
      draftVersion: true,
      musicKey: true,
      ...PRICED_JOB_FIELDS,
      scenes: { orderBy: { position: "asc" } },
    },
  });
  const scenes = job.scenes;
  const base =
    job.currentVersion === null
      ? null
      : await db.jobVersion.findUnique({ where: { jobId_number: { jobId, number: job.currentVersion } } });
  const baseRows = base ? parseVersionScenes(base.scenes) : null;
  // Every clip is planned as if made now; one already made from the same recipe has the same key.
  const planned = planClips(
    job,
    scenes.map((s) => ({ ...s, clipStatus: "pending" })),
  );
  const fromBase = sameRecipeInBase(job, baseRows ?? []);
  const clips = await Promise.all(
    scenes.map(async (scene, i) => {
      const key = planned[i]!.key;
      if ((scene.clipStatus === "ready" && scene.clipKey === key) || (await statKey(key)) !== null) {
        return { sceneId: scene.id, scene: i + 1, render: false, key };
      }
      // Made by the base version from the same inputs under another name (a video older than clip recipes, an import).
      const earlier = fromBase.get(key);
      if (earlier && (await statKey(earlier)) !== null) return { sceneId: scene.id, scene: i + 1, render: false, key: earlier };
      return { sceneId: scene.id, scene: i + 1, render: true, key };
    }),
  );
  const work: SceneWork[] = await Promise.all(
    scenes.map(async (s, i) => ({
      durationSec: s.durationSec,
      clipStatus: clips[i]!.render ? "pending" : "ready",
      narrationDue: await narrationToMake(job.id, job.voice, s),
    })),
  );
  const only = (i: number, part: "clip" | "narration"): SceneWork[] =>
    work.map((w, j) => ({
      durationSec: w.durationSec,
      clipStatus: j === i && part === "clip" ? "pending" : "ready",
      narrationDue: j === i && part === "narration",
    }));
  const lines: { label: string; usd: number }[] = [];
  work.forEach((w, i) => {
    if (w.clipStatus !== "ready") {
      lines.push({ label: `Scene ${i + 1}: a new clip of ${w.durationSec} s`, usd: clipsCostUsd(job, only(i, "clip")) });
    }
    if (w.narrationDue) lines.push({ label: `Scene ${i + 1}: its caption spoken`, usd: clipsCostUsd(job, only(i, "narration")) });
  });
  lines.push({ label: "Stitching the video (on this server)", usd: 0 });
  const draft = toVersionScenes(scenes);
  return {
    number: job.draftVersion,
    basedOn: job.currentVersion,
    changes: baseRows ? diffScenes(baseRows, draft) : [],
    musicChanged: base ? base.musicKey !== job.musicKey : false,
    clips,
    narrations: work.flatMap((w, i) => (w.narrationDue ? [i + 1] : [])),
    stillsMissing: scenes.flatMap((s, i) => (s.stillStatus === "ready" && s.stillKey ? [] : [i + 1])),
    estimate: { totalUsd: clipsCostUsd(job, work), lines },
  };
}

/** The base version's clips by the recipe key they would have today: a draft scene with that key may use them. */
function sameRecipeInBase(job: RecipeJob, scenes: readonly VersionScene[]): Map<string, string> {
  const planned = planClips(
    job,
    scenes.map((s) => ({
      id: s.sceneId,
      stillKey: s.stillKey,
      motion: s.motion,
      durationSec: s.durationSec,
      clipStatus: "pending",
      clipKey: null,
    })),
  );
  return new Map(scenes.flatMap((s, i) => (s.clipKey ? [[planned[i]!.key, s.clipKey] as const] : [])));
}

/** Marks each scene's clip as the plan says: kept (at its recipe's key, which may be an earlier version's) or to render. */
export async function applyClipPlan(tx: Prisma.TransactionClient, plan: VersionPlan): Promise<void> {
  for (const clip of plan.clips) {
    await tx.scene.update({
      where: { id: clip.sceneId },
      data: clip.render ? { clipStatus: "pending", error: null } : { clipStatus: "ready", clipKey: clip.key, error: null },
    });
  }
}
