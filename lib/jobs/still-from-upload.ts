import { getDb } from "@/lib/db/client";
import { conflict, invalidInput, notFound } from "@/lib/errors";
import { fitStill } from "@/lib/media/fit-still";
import { frameSize } from "@/lib/media/frame-size";
import { pathForKey, removeKey, writeFileAtomic } from "@/lib/storage/file-storage";
import { stillKey } from "@/lib/storage/keys";
import { removeUnlessKept } from "@/lib/versions/kept-files";
import { EDITABLE_STATUSES, notEditableNow } from "./status";
import { findOwnAsset } from "@/lib/uploads/assets";
import type { StillFit } from "@/lib/vocabulary";

/**
 * One of the person's uploaded images becomes a scene's still, fitted to the video's frame. The still is the job's
 * own copy, so deleting the upload later changes nothing here; the clip model is sent this still as the first frame.
 */
export async function takeStillFromUpload(
  userId: string,
  jobId: string,
  sceneId: string,
  uploadId: string,
  fit: StillFit = "cover",
): Promise<void> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, select: { userId: true, aspectRatio: true, status: true } });
  if (!job || job.userId !== userId) throw notFound();
  const scene = await db.scene.findFirst({ where: { id: sceneId, jobId }, select: { stillRevision: true, stillKey: true } });
  if (!scene) throw notFound("That scene");
  if (!EDITABLE_STATUSES.includes(job.status)) throw conflict(notEditableNow(job.status));
  const asset = await findOwnAsset(userId, uploadId);
  if (asset.kind !== "image") throw invalidInput("That upload is a sound; a scene's still must be an image.");

  const revision = scene.stillRevision + 1;
  const key = stillKey(jobId, sceneId, revision);
  await writeFileAtomic(key, await fitStill(pathForKey(asset.storageKey), frameSize(job.aspectRatio), fit));
  // Only if nothing changed meanwhile (another redraw, the approval): otherwise the new file goes again.
  const changed = await db.$transaction(async (tx) => {
    const guard = await tx.job.updateMany({
      where: { id: jobId, userId, status: { in: [...EDITABLE_STATUSES] } },
      data: { version: { increment: 1 } },
    });
    if (guard.count === 0) return 0;
    const { count } = await tx.scene.updateMany({
      where: { id: sceneId, jobId, stillRevision: scene.stillRevision },
      data: { stillRevision: revision, stillKey: key, stillStatus: "ready", error: null },
    });
    return count;
  });
  if (changed === 0) {
    await removeKey(key);
    throw conflict("The storyboard changed while the image was being fitted; try again.");
  }
  if (scene.stillKey && scene.stillKey !== key) await removeUnlessKept(db, jobId, scene.stillKey);
}
