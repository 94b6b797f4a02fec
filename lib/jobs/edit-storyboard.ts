import type { Prisma } from "@/lib/db/generated/client";
import { alertingRefusals } from "@/lib/costs/budget-alerts";
import { reserveForStage } from "@/lib/costs/reserve-work";
import { getDb } from "@/lib/db/client";
import { conflict, invalidInput, notFound } from "@/lib/errors";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { removeUnlessKept } from "@/lib/versions/kept-files";
import { assertActiveJobLimit } from "./active-jobs";
import { SCENE_COUNT_LIMITS } from "@/lib/vocabulary";
import { copyAttachments } from "./job-attachments";
import type { AddSceneInput, EditSceneInput } from "./schemas";
import { takeStillFromUpload } from "./still-from-upload";
import { EDITABLE_STATUSES, notEditableNow } from "./status";
import { transitionJob } from "./transition-job";

type Tx = Prisma.TransactionClient;

/**
 * Runs a storyboard edit only while the storyboard waits for approval or the video is finished (then it edits the
 * draft of the next version). The guard is a write (it bumps the job's version), so SQLite's write lock makes
 * check-and-edit one atomic step.
 */
export async function whileEditable<T>(userId: string, jobId: string, edit: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    const guard = await tx.job.updateMany({
      where: { id: jobId, userId, status: { in: [...EDITABLE_STATUSES] } },
      data: { version: { increment: 1 } },
    });
    if (guard.count === 0) {
      const job = await tx.job.findUnique({ where: { id: jobId }, select: { status: true, userId: true } });
      if (!job || job.userId !== userId) throw notFound();
      throw conflict(notEditableNow(job.status));
    }
    return edit(tx);
  });
}

async function findScene(tx: Tx, jobId: string, sceneId: string) {
  const scene = await tx.scene.findFirst({ where: { id: sceneId, jobId } });
  if (!scene) throw notFound("That scene");
  return scene;
}

export async function editScene(userId: string, jobId: string, sceneId: string, input: EditSceneInput): Promise<void> {
  const { uploadId, fit, ...fields } = input;
  if (uploadId) await takeStillFromUpload(userId, jobId, sceneId, uploadId, fit);
  if (Object.values(fields).every((v) => v === undefined)) return;
  await whileEditable(userId, jobId, async (tx) => {
    await findScene(tx, jobId, sceneId);
    await tx.scene.update({ where: { id: sceneId }, data: fields });
  });
}

/** Draws the scene's still again with a new seed (its price held first); the job goes back to storyboarding until it is done. */
export async function regenerateScene(userId: string, jobId: string, sceneId: string): Promise<void> {
  await alertingRefusals(() =>
    whileEditable(userId, jobId, async (tx) => {
      await findScene(tx, jobId, sceneId);
      await tx.scene.update({
        where: { id: sceneId },
        data: { stillStatus: "pending", stillRevision: { increment: 1 }, error: null },
      });
      await transitionJob(tx, jobId, EDITABLE_STATUSES, "storyboarding", {
        userId,
        data: { error: null, failedStage: null },
      });
      // The job moves again, so it takes a place among the person's active jobs: counted after the write, as
      // approval and retry do, so a refusal rolls the redraw back whole.
      await assertActiveJobLimit(tx, userId);
      await reserveForStage(tx, jobId, "storyboarding");
    }),
  );
  notifyWorkAvailable();
}

/** A new scene, drawn from its prompt at once (its still's price held first), after `afterSceneId` or last. */
export async function addScene(userId: string, jobId: string, input: AddSceneInput): Promise<{ id: string }> {
  const { afterSceneId, ...fields } = input;
  const created = await alertingRefusals(() =>
    whileEditable(userId, jobId, async (tx) => {
      const scenes = await tx.scene.findMany({ where: { jobId }, orderBy: { position: "asc" }, select: { id: true } });
      if (scenes.length >= SCENE_COUNT_LIMITS.max) {
        throw conflict(`A video has at most ${SCENE_COUNT_LIMITS.max} scenes; remove one before adding another.`);
      }
      const ids = scenes.map((s) => s.id);
      const at = afterSceneId === undefined ? ids.length : ids.indexOf(afterSceneId) + 1;
      if (at === 0) throw notFound("That scene");
      const scene = await tx.scene.create({ data: { jobId, position: at, ...fields }, select: { id: true } });
      ids.splice(at, 0, scene.id);
      await renumber(tx, ids);
      await transitionJob(tx, jobId, EDITABLE_STATUSES, "storyboarding", { userId, data: { error: null, failedStage: null } });
      await assertActiveJobLimit(tx, userId);
      await reserveForStage(tx, jobId, "storyboarding");
      return scene;
    }),
  );
  notifyWorkAvailable();
  return created;
}

/** The music bed the next version is stitched with: the job's own copy of a sound upload, or none. */
export async function setMusic(userId: string, jobId: string, uploadId: string | null): Promise<void> {
  const { musicKey, discard } = await copyAttachments(userId, uploadId ? { musicUploadId: uploadId } : {});
  let previous: string | null = null;
  try {
    previous = await whileEditable(userId, jobId, async (tx) => {
      const job = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { musicKey: true } });
      await tx.job.update({ where: { id: jobId }, data: { musicKey } });
      return job.musicKey;
    });
  } catch (error) {
    await discard();
    throw error;
  }
  if (previous) await removeUnlessKept(getDb(), jobId, previous);
}

export async function removeScene(userId: string, jobId: string, sceneId: string): Promise<void> {
  const removed = await whileEditable(userId, jobId, async (tx) => {
    const scene = await findScene(tx, jobId, sceneId);
    const count = await tx.scene.count({ where: { jobId } });
    if (count <= 1) throw conflict("A video needs at least one scene; this is the last one.");
    await tx.scene.delete({ where: { id: sceneId } });
    const rest = await tx.scene.findMany({ where: { jobId }, orderBy: { position: "asc" }, select: { id: true } });
    await renumber(
      tx,
      rest.map((s) => s.id),
    );
    return scene;
  });
  // Its files go once the row is gone, so a removed scene's still is no longer served, unless a version plays them.
  for (const key of [removed.stillKey, removed.clipKey, removed.narrationKey]) {
    if (key) await removeUnlessKept(getDb(), jobId, key);
  }
}

export async function reorderScenes(userId: string, jobId: string, sceneIds: string[]): Promise<void> {
  await whileEditable(userId, jobId, async (tx) => {
    const existing = await tx.scene.findMany({ where: { jobId }, select: { id: true } });
    const known = new Set(existing.map((s) => s.id));
    if (sceneIds.length !== known.size || new Set(sceneIds).size !== sceneIds.length || !sceneIds.every((id) => known.has(id))) {
      throw invalidInput("List every scene of this job exactly once, in the new order.");
    }
    await renumber(tx, sceneIds);
  });
}

/** Moves one scene up (-1) or down (+1); the UI's arrow buttons. */
export async function moveScene(userId: string, jobId: string, sceneId: string, direction: -1 | 1): Promise<void> {
  const scenes = await getDb().scene.findMany({ where: { jobId }, orderBy: { position: "asc" }, select: { id: true } });
  const ids = scenes.map((s) => s.id);
  const from = ids.indexOf(sceneId);
  if (from < 0) throw notFound("That scene");
  const to = from + direction;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  await reorderScenes(userId, jobId, ids);
}

async function renumber(tx: Tx, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await tx.scene.update({ where: { id }, data: { position } });
  }
}
