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
  return applyStyle(sharp(Buffer.from(svg)), input.style)
    .jpeg({ quality: 88, mozjpeg: true })
    .toBuffer();
}

export const localIllustrator: Illustrator = {
  model: "local/procedural-illustrator-v1",
  async drawStill(input) {
    return drawLocalStill(input);
  },
};
