import type { Prisma } from "@/lib/db/generated/client";
import { alertingRefusals } from "@/lib/costs/budget-alerts";
import { reserveForStage } from "@/lib/costs/reserve-work";
import { getDb } from "@/lib/db/client";
import { conflict, invalidInput, notFound } from "@/lib/errors";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { removeKey } from "@/lib/storage/file-storage";
import { assertActiveJobLimit } from "./active-jobs";
import type { EditSceneInput } from "./schemas";
import { takeStillFromUpload } from "./still-from-upload";
import { STAGE_LABELS } from "./status";
import { transitionJob } from "./transition-job";

type Tx = Prisma.TransactionClient;

/**
 * Runs a storyboard edit only while the job awaits approval. The guard is a write (it bumps the
 * job's version), so SQLite's write lock makes check-and-edit one atomic step.
 */
async function whileAwaitingApproval<T>(clientId: string, jobId: string, edit: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    const guard = await tx.job.updateMany({
      where: { id: jobId, clientId, status: "awaiting_approval" },
      data: { version: { increment: 1 } },
    });
    if (guard.count === 0) {
      const job = await tx.job.findUnique({ where: { id: jobId }, select: { status: true, clientId: true } });
      if (!job || job.clientId !== clientId) throw notFound();
      const stage = STAGE_LABELS[job.status];
      throw conflict(`The storyboard can only be changed while it waits for approval; this job is "${stage.toLowerCase()}".`);
    }
    return edit(tx);
  });
}

async function findScene(tx: Tx, jobId: string, sceneId: string) {
  const scene = await tx.scene.findFirst({ where: { id: sceneId, jobId } });
  if (!scene) throw notFound("That scene");
  return scene;
}

export async function editScene(clientId: string, jobId: string, sceneId: string, input: EditSceneInput): Promise<void> {
  const { uploadId, fit, ...fields } = input;
  if (uploadId) await takeStillFromUpload(clientId, jobId, sceneId, uploadId, fit);
  if (Object.values(fields).every((v) => v === undefined)) return;
  await whileAwaitingApproval(clientId, jobId, async (tx) => {
    await findScene(tx, jobId, sceneId);
    await tx.scene.update({ where: { id: sceneId }, data: fields });
  });
}

/** Draws the scene's still again with a new seed (its price held first); the job goes back to storyboarding until it is done. */
export async function regenerateScene(clientId: string, jobId: string, sceneId: string): Promise<void> {
  await alertingRefusals(() =>
    whileAwaitingApproval(clientId, jobId, async (tx) => {
      await findScene(tx, jobId, sceneId);
      await tx.scene.update({
        where: { id: sceneId },
        data: { stillStatus: "pending", stillRevision: { increment: 1 }, error: null },
      });
      await transitionJob(tx, jobId, "awaiting_approval", "storyboarding", { clientId });
      // The job moves again, so it takes a place among the person's active jobs: counted after the write, as
      // approval and retry do, so a refusal rolls the redraw back whole.
      await assertActiveJobLimit(tx, clientId);
      await reserveForStage(tx, jobId, "storyboarding");
    }),
  );
  notifyWorkAvailable();
}

export async function removeScene(clientId: string, jobId: string, sceneId: string): Promise<void> {
  const removed = await whileAwaitingApproval(clientId, jobId, async (tx) => {
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
  // Its files go once the row is gone, so a removed scene's still is no longer served.
  for (const key of [removed.stillKey, removed.clipKey]) if (key) await removeKey(key);
}

export async function reorderScenes(clientId: string, jobId: string, sceneIds: string[]): Promise<void> {
  await whileAwaitingApproval(clientId, jobId, async (tx) => {
    const existing = await tx.scene.findMany({ where: { jobId }, select: { id: true } });
    const known = new Set(existing.map((s) => s.id));
    if (sceneIds.length !== known.size || new Set(sceneIds).size !== sceneIds.length || !sceneIds.every((id) => known.has(id))) {
      throw invalidInput("List every scene of this job exactly once, in the new order.");
    }
    await renumber(tx, sceneIds);
  });
}

/** Moves one scene up (-1) or down (+1); the UI's arrow buttons. */
export async function moveScene(clientId: string, jobId: string, sceneId: string, direction: -1 | 1): Promise<void> {
  const scenes = await getDb().scene.findMany({ where: { jobId }, orderBy: { position: "asc" }, select: { id: true } });
  const ids = scenes.map((s) => s.id);
  const from = ids.indexOf(sceneId);
  if (from < 0) throw notFound("That scene");
  const to = from + direction;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  await reorderScenes(clientId, jobId, ids);
}

async function renumber(tx: Tx, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await tx.scene.update({ where: { id }, data: { position } });
  }
}
