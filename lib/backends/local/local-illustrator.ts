import type { Sharp } from "sharp";
import sharp from "@/lib/media/sharp";
import type { Style } from "@/lib/vocabulary";
import { frameSize } from "@/lib/media/frame-size";
import type { DrawStillInput, Illustrator } from "../types";
import { findSubjects, type SceneSubjects } from "@/lib/subjects/find-subjects";
import { paintSceneSvg } from "./paint-scene-svg";
import { paintSubjectsSvg } from "./paint-subjects";
import { planSubjects, type SubjectPlan } from "./plan-subjects";
import { hashString, seededRandom } from "./seeded-random";
import { chooseTheme, namesOwnPlace, paintsIcon, type Theme } from "./themes";
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

export interface StillPlan {
  theme: Theme;
  subjects: SceneSubjects;
  plan: SubjectPlan;
  width: number;
  height: number;
}

/** What a still will show and where: the world from the scene's words, its subjects placed by role and motion. */
export function planLocalStill(input: DrawStillInput): StillPlan {
  const { width, height } = frameSize(input.aspectRatio);
  const theme = chooseTheme(input.imagePrompt, input.storyPrompt);
  const subjects = findSubjects(input.imagePrompt, {
    painted: (icon) => paintsIcon(theme, icon),
    // A scene with a world of its own (the sea) does not borrow the story's place (the library).
    ...(input.storyPrompt && !namesOwnPlace(input.imagePrompt) ? { storyPrompt: input.storyPrompt } : {}),
    ...(input.motion ? { motion: input.motion } : {}),
  });
  // Its own stream, so the backdrop under the drawings is the one the same prompt and seed always drew.
  const random = seededRandom((hashString(input.imagePrompt) ^ input.seed ^ 0x5bd1e995) >>> 0);
  const plan = planSubjects(subjects, { width, height, random, ...(input.motion ? { motion: input.motion } : {}) });
  return { theme, subjects, plan, width, height };
}

/**
 * Procedural still: palette and motifs from the scene's words, layout from the seed, the nouns of the prompt drawn
 * on it. `subjects: false` paints the backdrop alone.
 */
export async function drawLocalStill(input: DrawStillInput, options: { subjects?: boolean } = {}): Promise<Buffer> {
  const { theme, plan, width, height } = planLocalStill(input);
  const random = seededRandom(hashString(input.imagePrompt) ^ input.seed);
  const drawn = options.subjects === false ? "" : paintSubjectsSvg(plan, theme, width, height);
  const drawings = plan.interior ? { indoors: drawn } : { outdoors: drawn };
  const svg = paintSceneSvg(theme, random, width, height, chooseWeather(input.imagePrompt), drawings);
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
  model: "local/procedural-illustrator-v2",
  async drawStill(input) {
    return drawLocalStill(input);
  },
};
