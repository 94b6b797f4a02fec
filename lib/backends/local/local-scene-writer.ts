import { MOTIONS, SCENE_LIMITS, type Motion, type Style } from "@/lib/vocabulary";
import type { SceneDraft, SceneWriter, WriteScenesInput } from "../types";
import { chunkPrompt, wordCount } from "./split-prompt";
import { hashString, pick, seededRandom } from "./seeded-random";

const STYLE_PHRASES: Record<Style, string> = {
  cinematic: "cinematic lighting, anamorphic, rich colour grade",
  storybook: "storybook illustration, soft shapes, warm palette",
  watercolor: "watercolor painting, soft washes, paper texture",
  neon: "neon-lit, synthwave palette, glowing edges",
  noir: "film noir, high-contrast black and white, deep shadows",
};

const FRAMINGS = ["wide establishing shot", "medium shot", "close-up", "over-the-shoulder view", "low-angle shot", "aerial view"];

// Used when the prompt is too short to give every scene its own line of story.
const BEATS = [
  (s: string) => `It begins: ${s}`,
  (s: string) => `A closer look at ${s}`,
  (s: string) => `The world around ${s}`,
  (s: string) => `A quiet moment with ${s}`,
  (s: string) => `Something changes for ${s}`,
  (s: string) => `The turning point for ${s}`,
  (s: string) => `The last light on ${s}`,
  (s: string) => `The final image of ${s}`,
];

const MOTION_WORDS: [RegExp, Motion][] = [
  [/\b(rise|rises|rising|climb|climbs|fly|flies|soar|soars|up|sky|launch|lift)\b/i, "pan-up"],
  [/\b(fall|falls|falling|dive|dives|sink|sinks|down|descend|descends|drop)\b/i, "pan-down"],
  [/\b(walk|walks|run|runs|drive|drives|travel|travels|journey|ride|rides|sail|sails|across|chase)\b/i, "pan-right"],
  [/\b(return|returns|back|leave|leaves|retreat|away)\b/i, "pan-left"],
  [/\b(reveal|reveals|approach|approaches|closer|discover|discovers|face|eyes|look|looks)\b/i, "zoom-in"],
  [/\b(vast|endless|horizon|world|end|ends|farewell|final|alone|panorama)\b/i, "zoom-out"],
];

const roundToStep = (n: number) => Math.round(n / SCENE_LIMITS.secondsStep) * SCENE_LIMITS.secondsStep;
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
const sceneSeconds = (n: number) => roundToStep(clamp(n, SCENE_LIMITS.minSeconds, SCENE_LIMITS.maxSeconds));
// Captions stay well under the limit so they fit two lines on screen.
const CAPTION_CHARS = Math.min(120, SCENE_LIMITS.captionMaxChars);

function toCaption(text: string): string {
  const clean = text.replace(/[\s;,:]+$/, "").trim();
  // Cut by characters, not UTF-16 units, so an emoji is never split into a broken half.
  const chars = Array.from(clean);
  const capped =
    chars.length > CAPTION_CHARS
      ? `${chars
          .slice(0, CAPTION_CHARS - 3)
          .join("")
          .replace(/\s+\S*$/, "")}…`
      : clean;
  return capped.charAt(0).toUpperCase() + capped.slice(1);
}

/** The scene's words, cut at a word boundary so that with its framing and style it keeps the limit. */
function toImagePrompt(text: string, suffix: string): string {
  const room = SCENE_LIMITS.imagePromptMaxChars - Array.from(suffix).length;
  const words = Array.from(text.replace(/[.!?]+$/, ""));
  const body =
    words.length > room
      ? words
          .slice(0, room)
          .join("")
          .replace(/\s+\S*$/, "")
      : words.join("");
  return `${body}${suffix}`;
}

function chooseMotion(text: string, random: () => number, previous?: Motion): Motion {
  const match = MOTION_WORDS.find(([pattern]) => pattern.test(text));
  if (match) return match[1];
  return pick(
    random,
    MOTIONS.filter((m) => m !== previous),
  );
}

function planDurations(texts: string[], targetSeconds?: number): number[] {
  if (!targetSeconds) return texts.map((t) => roundToStep(clamp(2.5 + wordCount(t) * 0.15, 3, 6)));
  const weights = texts.map((t) => clamp(wordCount(t), 4, 30));
  const total = weights.reduce((a, b) => a + b, 0);
  const durations = weights.map((w) => sceneSeconds((targetSeconds * w) / total));
  const drift = targetSeconds - durations.reduce((a, b) => a + b, 0);
  const last = durations.length - 1;
  durations[last] = sceneSeconds((durations[last] ?? 0) + drift);
  return durations;
}

/** Deterministic: the same prompt, count, style and seed always give the same scenes. */
export function writeLocalScenes(input: WriteScenesInput): SceneDraft[] {
  const random = seededRandom(hashString(input.prompt) ^ input.seed);
  const chunks = chunkPrompt(input.prompt, input.sceneCount);
  const subject = toCaption(input.prompt)
    .replace(/[.!?…]+$/, "")
    .toLowerCase();
  const beatOrder = [...BEATS].sort(() => random() - 0.5);
  const texts: string[] = [...chunks];
  for (let i = 0; texts.length < input.sceneCount; i++) {
    const beat = beatOrder[i % beatOrder.length] ?? BEATS[0]!;
    texts.splice(Math.min(texts.length, 1 + i * 2), 0, beat(subject));
  }
  const durations = planDurations(texts, input.targetSeconds);
  let previous: Motion | undefined;
  return texts.map((text, index) => {
    const motion = chooseMotion(text, random, previous);
    previous = motion;
    const framing = index === 0 ? FRAMINGS[0] : pick(random, FRAMINGS.slice(1));
    return {
      caption: toCaption(text),
      imagePrompt: toImagePrompt(text, `, ${framing}, ${STYLE_PHRASES[input.style]}`),
      motion,
      durationSec: durations[index] ?? 4,
    };
  });
}

export const localSceneWriter: SceneWriter = {
  model: "local/scene-splitter-v1",
  async writeScenes(input) {
    return { scenes: writeLocalScenes(input) };
  },
};
