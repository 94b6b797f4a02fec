import { getDb } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { narrationFingerprint } from "@/lib/media/narration-fingerprint";
import { STAGE_LABELS } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition-job";
import { parseVersionScenes } from "./version-scenes";

const revisionOf = (stillKey: string | null) => Number(/-r(\d+)\.jpg$/.exec(stillKey ?? "")?.[1] ?? 0);

/**
 * Makes an earlier (or later) finished version the one the gallery shows and downloads, and the draft the next
 * version starts from: its scenes come back as they were rendered. No file is made or removed.
 */
export async function makeVersionCurrent(userId: string, jobId: string, number: number): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const guard = await tx.job.updateMany({
      where: { id: jobId, userId, status: { in: ["completed", "failed"] } },
      data: { version: { increment: 1 } },
    });
    if (guard.count === 0) {
      const job = await tx.job.findUnique({ where: { id: jobId }, select: { userId: true, status: true } });
      if (!job || job.userId !== userId) throw notFound();
      throw conflict(
        `Another version can be made current once this job is finished; it is "${STAGE_LABELS[job.status].toLowerCase()}".`,
      );
    }
    const version = await tx.jobVersion.findUnique({ where: { jobId_number: { jobId, number } } });
    if (!version) throw notFound(`Version ${number}`);
    if (version.status !== "completed" || !version.videoKey) {
      throw conflict(`Version ${number} was not finished (${version.status}), so there is no video to make current.`);
    }
    const job = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { voice: true } });
    const scenes = parseVersionScenes(version.scenes);
    const existing = new Map((await tx.scene.findMany({ where: { jobId } })).map((s) => [s.id, s]));
    // The highest still revision each scene has had in any version, so a later redraw takes a number never used.
    const highest = new Map<string, number>();
    for (const row of await tx.jobVersion.findMany({ where: { jobId }, select: { scenes: true } })) {
      for (const s of parseVersionScenes(row.scenes)) {
        highest.set(s.sceneId, Math.max(highest.get(s.sceneId) ?? 0, revisionOf(s.stillKey)));
      }
    }
    await tx.scene.deleteMany({ where: { jobId, id: { notIn: scenes.map((s) => s.sceneId) } } });
    for (const scene of scenes) {
      const data = {
        position: scene.position,
        caption: scene.caption,
        imagePrompt: scene.imagePrompt,
        motion: scene.motion,
        durationSec: scene.durationSec,
        stillKey: scene.stillKey,
        stillStatus: "ready" as const,
        clipKey: scene.clipKey,
        clipStatus: "ready" as const,
        narrationKey: scene.narrationKey,
        narrationSec: scene.narrationSec,
        narrationOf: scene.narrationKey && job.voice ? narrationFingerprint(job.voice, scene.caption) : null,
        narrate: scene.narrate,
        error: null,
      };
      const row = existing.get(scene.sceneId);
      // A revision only grows, so a later redraw can never be written over a file this version plays.
      const stillRevision = Math.max(row?.stillRevision ?? 0, highest.get(scene.sceneId) ?? 0);
      if (row) await tx.scene.update({ where: { id: row.id }, data: { ...data, stillRevision } });
      else await tx.scene.create({ data: { id: scene.sceneId, jobId, ...data, stillRevision } });
    }
    // A failed new version is set aside: the job plays the version chosen.
    await transitionJob(tx, jobId, "failed", "completed", { userId, data: { error: null, failedStage: null } });
    await tx.job.update({
      where: { id: jobId },
      data: {
        currentVersion: number,
        videoKey: version.videoKey,
        posterKey: version.posterKey,
        durationSec: version.durationSec,
        musicKey: version.musicKey,
      },
    });
  });
}
