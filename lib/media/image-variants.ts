import sharp from "@/lib/media/sharp";
import { invalidInput } from "@/lib/errors";
import { commitTemp, createTempPath, discardTemp, pathForKey, statKey } from "@/lib/storage/file-storage";
import { IMAGE_FORMATS, IMAGE_WIDTHS, type ImageFormat, type ImageWidth } from "@/lib/storage/image-variant-url";

export interface ImageVariant {
  width: ImageWidth;
  format: ImageFormat;
}

const EXTENSIONS: Record<ImageFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

/**
 * `?w=&fmt=` on a media URL: null when neither is given (the original is wanted), a variant when both name an
 * offered value, and a 400 otherwise, so a caller cannot make us encode (and store) arbitrary sizes.
 */
export function parseImageVariant(params: URLSearchParams): ImageVariant | null {
  const w = params.get("w");
  const fmt = params.get("fmt");
  if (w === null && fmt === null) return null;
  const width = IMAGE_WIDTHS.find((allowed) => String(allowed) === w);
  const format = IMAGE_FORMATS.find((allowed) => allowed === fmt);
  if (!width || !format) {
    throw invalidInput(`An image is offered at w=${IMAGE_WIDTHS.join("|")} and fmt=${IMAGE_FORMATS.join("|")}, both given.`);
  }
  return { width, format };
}

/** Beside the original, named from it: `storyboards/<job>/<scene>-r2.jpg` -> `…-r2.w640.webp`. */
export function imageVariantKey(originalKey: string, variant: ImageVariant): string {
  return `${originalKey.replace(/\.[a-z0-9]+$/, "")}.w${variant.width}.${EXTENSIONS[variant.format]}`;
}

async function encode(originalKey: string, variant: ImageVariant, key: string): Promise<void> {
  const temp = await createTempPath(key);
  try {
    const image = sharp(pathForKey(originalKey)).resize({ width: variant.width, withoutEnlargement: true });
    const encoded =
      variant.format === "avif"
        ? image.avif({ quality: 50, effort: 2 })
        : variant.format === "webp"
          ? image.webp({ quality: 72 })
          : image.jpeg({ quality: 78, mozjpeg: true });
    await encoded.toFile(temp);
    await commitTemp(temp, key);
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
}

// Two cards asking for the same variant at once share one encode rather than racing to write it.
const pending = new Map<string, Promise<void>>();

/** The variant's key, encoded with sharp on first request and kept; the original never changes under its key. */
export async function ensureImageVariant(originalKey: string, variant: ImageVariant): Promise<string> {
  const key = imageVariantKey(originalKey, variant);
  if (await statKey(key)) return key;
  let job = pending.get(key);
  if (!job) {
    job = encode(originalKey, variant, key).finally(() => pending.delete(key));
    pending.set(key, job);
  }
  await job;
  return key;
}
