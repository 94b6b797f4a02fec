import { notFound } from "@/lib/errors";
import type { ServableFile } from "@/lib/http/file-response";
import { openReadStream, statKey } from "@/lib/storage/file-storage";
import { parseMediaKey, parseUploadKey } from "@/lib/storage/keys";
import { ownEntry } from "@/lib/util/own-entry";
import { jobBelongsTo } from "./queries";

const CONTENT_TYPES: Record<string, string> = { mp4: "video/mp4", jpg: "image/jpeg", png: "image/png", m4a: "audio/mp4" };

/** A stored file of one of the client's jobs; anything else (another's, a malformed key, a missing file) is a 404. */
export async function findOwnedMedia(clientId: string, rawKey: string): Promise<ServableFile> {
  const upload = parseUploadKey(rawKey);
  const parsed = upload ? { key: upload.key, jobId: upload.ownerId } : parseMediaKey(rawKey);
  const owned = upload ? upload.ownerId === clientId : parsed && (await jobBelongsTo(clientId, parsed.jobId));
  if (!parsed || !owned) throw notFound("That file");
  const stat = await statKey(parsed.key);
  if (!stat) throw notFound("That file");
  const ext = parsed.key.split(".").pop() ?? "";
  return {
    ...stat,
    contentType: ownEntry(CONTENT_TYPES, ext) ?? "application/octet-stream",
    downloadName: `storyreel-${parsed.jobId}.${ext}`,
    open: (range) => openReadStream(parsed.key, range),
  };
}
