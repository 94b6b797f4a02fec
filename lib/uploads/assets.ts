import { getDb } from "@/lib/db/client";
import type { Asset } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { removeKey } from "@/lib/storage/file-storage";
import { mediaUrl } from "@/lib/storage/keys";
import { storedBytes } from "./storage-usage";
import { uploadLimits } from "./upload-limits";

export interface AssetView {
  id: string;
  kind: "image" | "audio";
  name: string;
  bytes: number;
  contentType: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  url: string;
  createdAt: string;
}

export const toAssetView = (asset: Asset): AssetView => ({
  id: asset.id,
  kind: asset.kind === "audio" ? "audio" : "image",
  name: asset.name,
  bytes: asset.bytes,
  contentType: asset.contentType,
  width: asset.width,
  height: asset.height,
  durationSec: asset.durationSec,
  url: mediaUrl(asset.storageKey),
  createdAt: asset.createdAt.toISOString(),
});

/** What one person's uploads and exports take, against their quota (`bytes` counts both; `exportBytes` is the exports' part). */
export async function uploadUsage(ownerId: string) {
  const { quotaBytes, quotaFiles } = uploadLimits();
  return { ...(await storedBytes(getDb(), ownerId)), quotaBytes, quotaFiles };
}

export async function listAssets(ownerId: string) {
  const assets = await getDb().asset.findMany({ where: { ownerId }, orderBy: { createdAt: "desc" } });
  return { assets: assets.map(toAssetView), usage: await uploadUsage(ownerId) };
}

/** One of the person's uploads; anyone else's (or none) is a 404. */
export async function findOwnAsset(ownerId: string, assetId: string): Promise<Asset> {
  const asset = await getDb().asset.findFirst({ where: { id: assetId, ownerId } });
  if (!asset) throw notFound("That upload");
  return asset;
}

/** Removes the upload and its file. Videos that used it keep their own copies, so nothing of theirs breaks. */
export async function deleteAsset(ownerId: string, assetId: string): Promise<void> {
  const asset = await findOwnAsset(ownerId, assetId);
  await getDb().asset.delete({ where: { id: asset.id } });
  await removeKey(asset.storageKey);
}
