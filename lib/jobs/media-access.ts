import { invalidInput, notFound } from "@/lib/errors";
import type { ServableFile } from "@/lib/http/file-response";
import { ensureImageVariant, type ImageVariant } from "@/lib/media/image-variants";
import { openReadStream, statKey } from "@/lib/storage/file-storage";
import { IMAGE_MIME } from "@/lib/storage/image-variant-url";
import { parseMediaKey, parseUploadKey } from "@/lib/storage/keys";
import { ownEntry } from "@/lib/util/own-entry";
import { jobBelongsTo } from "./queries";

const CONTENT_TYPES: Record<string, string> = { mp4: "video/mp4", jpg: "image/jpeg", png: "image/png", m4a: "audio/mp4" };

/**
 * A stored file of one of the client's jobs; anything else (another's, a malformed key, a missing file) is a 404.
 * With a variant, the same image resized and re-encoded (made on first request, cached beside the original).
 */
export async function findOwnedMedia(userId: string, rawKey: string, variant: ImageVariant | null = null): Promise<ServableFile> {
  const upload = parseUploadKey(rawKey);
  const parsed = upload ? { key: upload.key, jobId: upload.ownerId } : parseMediaKey(rawKey);
  const owned = upload ? upload.ownerId === userId : parsed && (await jobBelongsTo(userId, parsed.jobId));
  if (!parsed || !owned) throw notFound("That file");
  const stat = await statKey(parsed.key);
  if (!stat) throw notFound("That file");
  const ext = parsed.key.split(".").pop() ?? "";
  if (variant) {
    if (ext !== "jpg" && ext !== "png") throw invalidInput("Only a still or a poster is offered at other sizes and formats.");
    const key = await ensureImageVariant(parsed.key, variant);
    const variantStat = await statKey(key);
    if (!variantStat) throw notFound("That file");
    return {
      ...variantStat,
      contentType: IMAGE_MIME[variant.format],
      downloadName: `storyreel-${parsed.jobId}.${key.split(".").pop() ?? ""}`,
      open: (range) => openReadStream(key, range),
    };
  }
  return {
    ...stat,
    contentType: ownEntry(CONTENT_TYPES, ext) ?? "application/octet-stream",
    downloadName: `storyreel-${parsed.jobId}.${ext}`,
    open: (range) => openReadStream(parsed.key, range),
  };
}
