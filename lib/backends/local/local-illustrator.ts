import sharp, { type Sharp } from "sharp";
import type { Style } from "@/lib/vocabulary";
import { frameSize } from "@/lib/media/frame-size";
import type { DrawStillInput, Illustrator } from "../types";
import { paintSceneSvg } from "./paint-scene-svg";
import { hashString, seededRandom } from "./seeded-random";
import { chooseTheme } from "./themes";
import { chooseWeather } from "./weather";

function applyStyle(image: Sharp, style: Style): Sharp {
  switch (style) {
    case "noir":
      return image.grayscale().linear(1.35, -30);
    case "watercolor":
      return image.blur(2.2).modulate({ saturation: 0.8, brightness: 1.06 });
    case "neon":
      return image.modulate({ saturation: 1.6, brightness: 1.05 }).linear(1.1, -8);
    case "storybook":
      return image.modulate({ saturation: 1.15, brightness: 1.04 });
    case "cinematic":
      return image.linear(1.08, -6);
  }
}

/** Procedural still: palette and motifs from the scene's words, layout from the seed. */
export async function drawLocalStill(input: DrawStillInput): Promise<Buffer> {
  const { width, height } = frameSize(input.aspectRatio);
  const theme = chooseTheme(input.imagePrompt, input.storyPrompt);
  const random = seededRandom(hashString(input.imagePrompt) ^ input.seed);
  const svg = paintSceneSvg(theme, random, width, height, chooseWeather(input.imagePrompt));
  const styled = applyStyle(sharp(Buffer.from(svg)), input.style);
  const still = input.referencePath
    ? await followReference(await styled.png().toBuffer(), input.referencePath, width, height)
    : styled;
  return still.jpeg({ quality: 88, mozjpeg: true }).toBuffer();
}

/**
 * The procedural stand-in for a model that takes a reference image: the still is tinted with the reference's
 * dominant colour and framed by the reference itself, so every still of the video visibly follows it.
 */
async function followReference(still: Buffer, referencePath: string, width: number, height: number): Promise<Sharp> {
  const { dominant } = await sharp(referencePath).stats();
  const border = Math.round(Math.min(width, height) * 0.05);
  const tint = await sharp({ create: { width, height, channels: 4, background: { ...dominant, alpha: 0.35 } } })
    .png()
    .toBuffer();
  // Two steps: sharp resizes before it composites, and the tint is the still's full size.
  const tinted = await sharp(still)
    .composite([{ input: tint, blend: "over" }])
    .png()
    .toBuffer();
  const inner = await sharp(tinted)
    .resize(width - 2 * border, height - 2 * border)
    .toBuffer();
  const frame = sharp(referencePath).resize(width, height, { fit: "cover" }).blur(8);
  return sharp(
    await frame
      .composite([{ input: inner, left: border, top: border }])
      .png()
      .toBuffer(),
  );
}

export const localIllustrator: Illustrator = {
  model: "local/procedural-illustrator-v1",
  async drawStill(input) {
    return drawLocalStill(input);
  },
};
