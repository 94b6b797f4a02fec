// The input schemas of the models the fake Replicate serves, as their pages publish them (the parts we use
// and their neighbours). Replicate answers 422 for an input outside its schema; so does the fake.

type Check = (value: unknown) => boolean;
interface InputSchema {
  required: string[];
  fields: Record<string, Check>;
  /** Rules between fields that the model's page states (its API refuses the request when one is broken). */
  rules?: ((input: Record<string, unknown>) => string | null)[];
}

const text: Check = (v) => typeof v === "string";
const uri: Check = (v) => typeof v === "string" && /^(https?:|data:)/.test(v);
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const num =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === "number" && v >= min && v <= max;
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v);
const bool: Check = (v) => typeof v === "boolean";

const KOKORO_VOICES = [
  "af",
  "af_bella",
  "af_nicole",
  "af_sarah",
  "af_sky",
  "am_adam",
  "am_michael",
  "bf_emma",
  "bf_isabella",
  "bm_george",
  "bm_lewis",
];

export const MODEL_SCHEMAS: Record<string, InputSchema> = {
  // replicate.com/black-forest-labs/flux-kontext-pro: a prompt, an optional input image; with an image the
  // safety tolerance may be at most 2.
  "black-forest-labs/flux-kontext-pro": {
    required: ["prompt"],
    fields: {
      prompt: text,
      input_image: uri,
      aspect_ratio: oneOf(
        "match_input_image",
        "1:1",
        "16:9",
        "9:16",
        "4:3",
        "3:4",
        "3:2",
        "2:3",
        "4:5",
        "5:4",
        "21:9",
        "9:21",
        "2:1",
        "1:2",
      ),
      seed: int(0, 2 ** 31 - 1),
      output_format: oneOf("jpg", "png"),
      safety_tolerance: int(0, 6),
      prompt_upsampling: bool,
    },
    rules: [
      (input) =>
        input.input_image !== undefined && typeof input.safety_tolerance === "number" && input.safety_tolerance > 2
          ? "- input.safety_tolerance: 2 is the most allowed with an input image"
          : null,
    ],
  },
  // replicate.com/jaaari/kokoro-82m (version 9b835af5): text, voice, speed 0.1-5; the output is a WAV URI.
  "jaaari/kokoro-82m": {
    required: ["text"],
    fields: { text, voice: oneOf(...KOKORO_VOICES), speed: num(0.1, 5) },
  },
  "meta/meta-llama-3-8b-instruct": {
    required: ["prompt"],
    fields: {
      prompt: text,
      prompt_template: (v) => text(v) && (v as string).includes("{prompt}"),
      max_tokens: int(1, 8192),
      min_tokens: int(-1, 8192),
      temperature: num(0, 5),
      top_p: num(0, 1),
      top_k: int(-1, 1000),
      presence_penalty: num(-5, 5),
      frequency_penalty: num(-5, 5),
      stop_sequences: text,
    },
  },
  "black-forest-labs/flux-schnell": {
    required: ["prompt"],
    fields: {
      prompt: text,
      aspect_ratio: oneOf("1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"),
      num_outputs: int(1, 4),
      seed: int(0, 2 ** 32),
      output_format: oneOf("webp", "jpg", "png"),
      output_quality: int(0, 100),
      go_fast: bool,
      megapixels: oneOf("1", "0.25"),
      num_inference_steps: int(1, 4),
      disable_safety_checker: bool,
    },
  },
  "wan-video/wan-2.2-i2v-fast": {
    required: ["image", "prompt"],
    fields: {
      image: uri,
      last_image: uri,
      prompt: text,
      resolution: oneOf("480p", "720p"),
      seed: int(0, 2 ** 32),
      go_fast: bool,
      num_frames: int(81, 121),
      frames_per_second: int(5, 30),
      sample_shift: num(1, 20),
      interpolate_output: bool,
      disable_safety_checker: bool,
    },
  },
  "kwaivgi/kling-v2.1": {
    required: ["start_image", "prompt"],
    fields: {
      start_image: uri,
      end_image: uri,
      prompt: text,
      negative_prompt: text,
      duration: oneOf(5, 10),
      mode: oneOf("standard", "pro"),
    },
    rules: [(i) => (i.end_image !== undefined && i.mode !== "pro" ? "- input.end_image: only available in pro mode" : null)],
  },
  "bytedance/seedance-1-lite": seedance("480p", "720p", "1080p"),
  "bytedance/seedance-1-pro": seedance("480p", "720p", "1080p"),
  "minimax/hailuo-02": {
    required: ["prompt"],
    fields: {
      prompt: text,
      first_frame_image: uri,
      last_frame_image: uri,
      duration: oneOf(6, 10),
      resolution: oneOf("512p", "768p", "1080p"),
      prompt_optimizer: bool,
    },
    rules: [
      (i) => (i.duration === 10 && i.resolution !== "768p" ? "- input.duration: 10 seconds is only available for 768p" : null),
      (i) =>
        i.last_frame_image !== undefined && i.first_frame_image === undefined
          ? "- input.last_frame_image: needs a first_frame_image"
          : null,
    ],
  },
  "google/veo-3.1-fast": {
    required: ["prompt"],
    fields: {
      prompt: text,
      image: uri,
      last_frame: uri,
      reference_images: (v) => Array.isArray(v),
      aspect_ratio: oneOf("16:9", "9:16"),
      duration: oneOf(4, 6, 8),
      resolution: oneOf("720p", "1080p"),
      negative_prompt: text,
      generate_audio: bool,
      seed: int(0, 2 ** 32),
    },
    rules: [
      (i) => (i.last_frame !== undefined && i.image === undefined ? "- input.last_frame: needs an image" : null),
      // Google's own API: interpolating to a last frame, and 1080p, only over 8 seconds.
      (i) => (i.last_frame !== undefined && i.duration !== 8 ? "- input.duration: must be 8 with a last_frame" : null),
      (i) => (i.resolution === "1080p" && i.duration !== 8 ? "- input.duration: must be 8 at 1080p" : null),
    ],
  },
};

function seedance(...resolutions: string[]): InputSchema {
  return {
    required: ["prompt"],
    fields: {
      prompt: text,
      image: uri,
      last_frame_image: uri,
      duration: int(2, 12),
      resolution: oneOf(...resolutions),
      aspect_ratio: oneOf("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21"),
      fps: oneOf(24),
      camera_fixed: bool,
      seed: int(0, 2 ** 32),
      reference_images: (v) => Array.isArray(v),
    },
    rules: [
      (i) =>
        i.last_frame_image !== undefined && i.image === undefined
          ? "- input.last_frame_image: only works if an image start frame is given too"
          : null,
    ],
  };
}

/** Replicate's words for an input it refuses, or null when the input fits the model's schema. */
/** Community models run by version: the versions the fake knows, and the model each is of. */
export const MODEL_VERSIONS: Record<string, string> = {
  "9b835af53a2383159eaf0147c9bee26bf238bdfa7527eb2e9c24bb4b43dac02d": "jaaari/kokoro-82m",
};

export function checkInput(model: string, input: Record<string, unknown>): string | null {
  const schema = MODEL_SCHEMAS[model];
  if (!schema) return null;
  const problems = [
    ...schema.required.filter((key) => input[key] === undefined).map((key) => `- input: ${key} is required`),
    ...Object.keys(input)
      .filter((key) => !schema.fields[key])
      .map((key) => `- input: Additional property ${key} is not allowed`),
    ...Object.entries(input)
      .filter(([key, value]) => schema.fields[key] && !schema.fields[key](value))
      .map(([key, value]) => `- input.${key}: ${JSON.stringify(value).slice(0, 40)} is not a valid value`),
    ...(schema.rules ?? []).map((rule) => rule(input)).filter((problem): problem is string => problem !== null),
  ];
  return problems.length ? problems.join("\n") : null;
}
