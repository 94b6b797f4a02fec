import sharp from "@/lib/media/sharp";
import type { StillFit } from "@/lib/vocabulary";

/**
 * An image made into a frame of exactly this size: cropped around its middle to cover it, or whole and centred
 * on a blurred, darkened copy of itself filling the rest (for a portrait photo in a landscape video).
 */
export async function fitStill(source: string, size: { width: number; height: number }, fit: StillFit): Promise<Buffer> {
  const { width, height } = size;
  if (fit === "cover") {
    return sharp(source)
      .resize(width, height, { fit: "cover", position: "centre" })
      .flatten({ background: "#000" })
      .jpeg({ quality: 92 })
      .toBuffer();
  }
  const [fill, whole] = await Promise.all([
    sharp(source)
      .resize(width, height, { fit: "cover" })
      .flatten({ background: "#000" })
      .blur(24)
      .modulate({ brightness: 0.6 })
      .toBuffer(),
    sharp(source).resize(width, height, { fit: "inside" }).flatten({ background: "#000" }).toBuffer(),
  ]);
  return sharp(fill)
    .composite([{ input: whole, gravity: "centre" }])
    .jpeg({ quality: 92 })
    .toBuffer();
}
