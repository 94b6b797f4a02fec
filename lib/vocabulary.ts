// The words and limits of a video, in one place. No zod and no server code: the client bundle imports
// this for its form inputs, the schemas build their checks from it, and the scene writers' instructions
// quote it, so a limit changed here changes everywhere.

export const ASPECT_RATIOS = ["16:9", "9:16", "1:1"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const STYLES = ["cinematic", "storybook", "watercolor", "neon", "noir"] as const;
export type Style = (typeof STYLES)[number];

export const MOTIONS = ["zoom-in", "zoom-out", "pan-left", "pan-right", "pan-up", "pan-down"] as const;
export type Motion = (typeof MOTIONS)[number];

/**
 * How one clip leads into the next: "continuous" ends each clip on the next scene's still (the model must
 * take a last frame), "chained" starts each clip on the previous clip's last frame (any model).
 */
export const CONTINUITIES = ["none", "continuous", "chained"] as const;
/** Narration voices (espeak-ng voice names, with a variant after "+"). */
export const VOICES = {
  "en-us": "American English, low",
  "en-us+f3": "American English, high",
  "en-gb": "British English, low",
  "en-gb+f2": "British English, high",
  "en-gb-scotland": "Scottish English",
} as const;
export type VoiceId = keyof typeof VOICES;
export const VOICE_IDS = Object.keys(VOICES) as VoiceId[];
export const DEFAULT_VOICE: VoiceId = "en-us";

/** How an uploaded image fills a scene's frame: cropped to cover it, or whole on a blurred copy of itself. */
export const STILL_FITS = ["cover", "blur"] as const;
export type StillFit = (typeof STILL_FITS)[number];
export type Continuity = (typeof CONTINUITIES)[number];

export const DEFAULTS = { sceneCount: 4, aspectRatio: "16:9", style: "cinematic" } as const satisfies {
  sceneCount: number;
  aspectRatio: AspectRatio;
  style: Style;
};

export const PROMPT_LIMITS = { maxChars: 2000 } as const;
export const SCENE_COUNT_LIMITS = { min: 2, max: 8 } as const;
export const TARGET_SECONDS_LIMITS = { min: 4, max: 120 } as const;

/** One scene, however it was written (a splitter, an LLM, a person editing it). */
export const SCENE_LIMITS = {
  captionMaxChars: 200,
  imagePromptMaxChars: 1000,
  minSeconds: 1.5,
  maxSeconds: 15,
  /** Lengths are chosen in half seconds. */
  secondsStep: 0.5,
} as const;

/** Ids we generate (cuid): lowercase letters and digits. Anything else cannot name a job or a scene. */
export const ID_PATTERN_SOURCE = "[a-z0-9]{10,40}";
const ID_PATTERN = new RegExp(`^${ID_PATTERN_SOURCE}$`);
export const isGeneratedId = (value: string) => ID_PATTERN.test(value);

/** Length as a person counts it: characters (code points), so an emoji is one, not two UTF-16 units. */
export const countChars = (text: string) => Array.from(text).length;

function oneOf<T extends string>(list: readonly T[], what: string) {
  return (value: string): T => {
    const found = list.find((item) => item === value);
    if (found === undefined) throw new Error(`"${value}" is not a ${what} (${list.join(", ")}).`);
    return found;
  };
}

/** Narrow a stored string to the vocabulary, or fail loudly: the database is only written through the schemas. */
export const asAspectRatio = oneOf(ASPECT_RATIOS, "known aspect ratio");
export const asStyle = oneOf(STYLES, "known style");
export const asMotion = oneOf(MOTIONS, "known motion");
export const asVoice = oneOf(VOICE_IDS, "known voice");

/** Accounts and sharing: the limits the forms, the schemas and better-auth all read. */
export const PASSWORD_LIMITS = { min: 10, max: 256 } as const;
export const INVITE_DAYS = 7;
export const SHARE_LINK_DAYS = { min: 1, max: 30, default: 7 } as const;
