import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics/metrics";
import { commitTemp, createTempPath, discardTemp, removeKey } from "@/lib/storage/file-storage";
import { uploadKey } from "@/lib/storage/keys";
import { toAssetView, type AssetView } from "./assets";
import { inspectUpload } from "./inspect-upload";
import { storedBytes } from "./storage-usage";
import type { ReceivedFile } from "./receive-upload";
import { megabytes, uploadLimits } from "./upload-limits";

const newAssetId = () => `a${randomBytes(12).toString("hex")}`;

function quotaRefusal(used: { bytes: number; files: number }, adding: number): AppError | null {
  const { quotaBytes, quotaFiles } = uploadLimits();
  if (used.files > quotaFiles) {
    return new AppError(
      "payload_too_large",
      `You have ${used.files - 1} uploads, the most one person may keep is ${quotaFiles}: delete some on the Uploads page first.`,
    );
  }
  if (used.bytes > quotaBytes) {
    const left = Math.max(0, quotaBytes - (used.bytes - adding));
    return new AppError(
      "payload_too_large",
      `This file needs ${megabytes(adding)} and your uploads and exports have ${megabytes(left)} left of ${megabytes(quotaBytes)}: delete some uploads or exports first.`,
    );
  }
  return null;
}

/**
 * Keeps a received file as the person's asset: the same bytes again are the asset they already have; anything
 * else is checked and re-encoded, stored under a generated name, and counted against their quota in the
 * transaction that records it (written first, counted after, rolled back when over), so ten at once cannot
 * all squeeze into the last megabyte.
 */
export async function storeUpload(
  ownerId: string,
  received: ReceivedFile,
  abandoned: AbortSignal,
): Promise<{ asset: AssetView; created: boolean }> {
  const db = getDb();
  const existing = await db.asset.findUnique({ where: { ownerId_sha256: { ownerId, sha256: received.sha256 } } });
  if (existing) return { asset: toAssetView(existing), created: false };
  const id = newAssetId();
  const probeKey = uploadKey(ownerId, id, "bin");
  const checkedPath = await createTempPath(probeKey);
  try {
    const checked = await inspectUpload(received.tempPath, checkedPath, abandoned);
    const key = uploadKey(ownerId, id, checked.ext);
    const bytes = (await fsp.stat(checkedPath)).size;
    await commitTemp(checkedPath, key);
    try {
      const asset = await db.$transaction(async (tx) => {
        const row = await tx.asset.create({
          data: {
            id,
            ownerId,
            kind: checked.kind,
            sha256: received.sha256,
            bytes,
            contentType: checked.contentType,
            storageKey: key,
            name: received.name,
            width: checked.width,
            height: checked.height,
            durationSec: checked.durationSec,
          },
        });
        const refusal = quotaRefusal(await storedBytes(tx, ownerId), bytes);
        if (refusal) throw refusal;
        return row;
      });
      metrics().uploadBytes.inc({ kind: checked.kind }, bytes);
      return { asset: toAssetView(asset), created: true };
    } catch (error) {
      await removeKey(key);
      // The same file arrived twice at once: the other request stored it.
      if ((error as { code?: string }).code === "P2002") {
        const twin = await db.asset.findUnique({ where: { ownerId_sha256: { ownerId, sha256: received.sha256 } } });
        if (twin) return { asset: toAssetView(twin), created: false };
      }
      throw error;
    }
  } finally {
    await discardTemp(checkedPath);
  }
}
