import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/auth-secret";
import { getDb } from "@/lib/db/client";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { ServableFile } from "@/lib/http/file-response";
import { openReadStream, statKey } from "@/lib/storage/file-storage";
import { isGeneratedId } from "@/lib/vocabulary";

export const SHARE_PREFIX = "/api/share/";

const sign = (jobId: string, expires: number, shareKey: string) =>
  createHmac("sha256", authSecret()).update(`share:${jobId}:${expires}:${shareKey}`).digest("base64url");

/**
 * A link to a finished video that works without signing in, until it expires or the owner stops sharing.
 * It is made on purpose (the media URLs of a job never work for anyone else); the path is the proof.
 */
export async function createShareLink(userId: string, jobId: string, days: number): Promise<{ path: string; expiresAt: string }> {
  const db = getDb();
  const job = await db.job.findUnique({ where: { id: jobId }, select: { userId: true, videoKey: true, shareKey: true } });
  if (!job || job.userId !== userId) throw notFound();
  if (!job.videoKey) throw conflict("Only a finished video can be shared.");
  const shareKey = job.shareKey ?? (await firstShareKey(jobId));
  const expires = Math.floor(Date.now() / 1000) + days * 86_400;
  return {
    path: `${SHARE_PREFIX}${jobId}/${expires}/${sign(jobId, expires, shareKey)}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

/**
 * The job's share key, made if it has none. Requests that arrive together must sign with the same key: the write
 * only sets a key where none is (SQLite takes one writer at a time), and everyone signs with the one that is
 * there after it, so no request replaces a key another has already signed a link with. Only stopSharing clears it.
 */
async function firstShareKey(jobId: string): Promise<string> {
  const db = getDb();
  for (let attempt = 0; attempt < 3; attempt++) {
    await db.job.updateMany({
      where: { id: jobId, shareKey: null },
      data: { shareKey: randomBytes(16).toString("hex"), version: { increment: 1 } },
    });
    const job = await db.job.findUnique({ where: { id: jobId }, select: { shareKey: true } });
    if (!job) throw notFound();
    if (job.shareKey) return job.shareKey;
    // Sharing was stopped between the write and the read: the person asked again after, so start again.
  }
  throw conflict("Sharing of this video was stopped while the link was made; ask for a link again.");
}

/** Every share link of the job stops working. */
export async function stopSharing(userId: string, jobId: string): Promise<void> {
  const updated = await getDb().job.updateMany({
    where: { id: jobId, userId },
    data: { shareKey: null, version: { increment: 1 } },
  });
  if (updated.count === 0) throw notFound();
}

/** The video a share link names: 404 for anything not signed by us (or no longer shared), 410 once expired. */
export async function findSharedVideo(rest: string): Promise<ServableFile> {
  const missing = notFound("That shared video");
  const [jobId, expiresText, signature, ...extra] = rest.split("/");
  if (extra.length || !jobId || !isGeneratedId(jobId) || !/^\d{1,12}$/.test(expiresText ?? "") || !signature) throw missing;
  const job = await getDb().job.findUnique({ where: { id: jobId }, select: { shareKey: true, videoKey: true } });
  if (!job?.shareKey || !job.videoKey) throw missing;
  const expected = Buffer.from(sign(jobId, Number(expiresText), job.shareKey));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw missing;
  if (Number(expiresText) * 1000 < Date.now()) throw new AppError("gone", "This share link has expired: ask for a new one.");
  const stat = await statKey(job.videoKey);
  if (!stat) throw missing;
  const videoKey = job.videoKey;
  return {
    ...stat,
    contentType: "video/mp4",
    downloadName: `storyreel-${jobId}.mp4`,
    open: (range) => openReadStream(videoKey, range),
  };
}
