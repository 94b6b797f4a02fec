import { ownEntry } from "@/lib/util/own-entry";
import type { AspectRatio, VoiceId } from "@/lib/vocabulary";

/**
 * Every Replicate model Storyreel can use: how our request maps to its input, what it allows, what it costs.
 * Adding a model is one entry here; REPLICATE_*_MODEL picks one (validated at start-up).
 * Prices are list prices in USD as configured here: check replicate.com/pricing before relying on them.
 */
export interface ModelRef {
  owner: string;
  name: string;
  /** Pinned version: created through POST /v1/predictions instead of the official-model endpoint. */
  version?: string;
}

export interface WriterModel {
  ref: string;
  /** Language models are billed per token, input and output priced apart (USD per million tokens). */
  perMillionTokensUsd: { input: number; output: number };
  /** What one scene-writing request usually uses: the estimate, made before the tokens are counted. */
  typicalTokens: { input: number; output: number };
  /** Sent as the answer's length limit (max_tokens): the most output tokens a call can be billed for. */
  maxOutputTokens: number;
  pollMs: number;
  input(args: { system: string; prompt: string }): Record<string, unknown>;
}

export interface StillModel {
  ref: string;
  perImageUsd: number;
  pollMs: number;
  /** Whether it draws from a reference image (which then arrives as `referenceUrl`). */
  takesReference?: boolean;
  input(args: { prompt: string; aspectRatio: AspectRatio; seed: number; referenceUrl?: string }): Record<string, unknown>;
}

/** One resolution a clip model offers: its list price and the lengths it makes there. */
export interface ClipTier {
  perSecondUsd: number;
  /** Output lengths the model accepts at this resolution, in seconds; a scene's length is snapped to one. */
  durations: readonly number[];
  /** Whether the model can be told the clip's last frame at this resolution ("continuous" scenes). */
  endFrame: boolean;
}

export interface ClipRequest {
  image: string;
  /** The frame the clip must end on, when the scenes are continuous. */
  endImage?: string;
  prompt: string;
  durationSec: number;
  resolution: string;
  aspectRatio: AspectRatio;
  seed: number;
}

export interface ClipModel {
  ref: string;
  /** The name people know it by, for the wizard. */
  label: string;
  /** Every resolution it offers, keyed as the model names them; `defaultResolution` is one of them. */
  tiers: Record<string, ClipTier>;
  defaultResolution: string;
  /** Aspect ratios it can make (undefined: any; the clip follows the first frame). */
  aspectRatios?: readonly AspectRatio[];
  /** Lengths it allows when given a last frame, if fewer than usual (Veo interpolates over 8 s only). */
  endFrameDurations?: readonly number[];
  pollMs: number;
  input(args: ClipRequest): Record<string, unknown>;
}

/** Only the keys that have a value: a model's schema refuses an explicit null for an optional image. */
const defined = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

/**
 * Llama 3's chat format with our instructions as the system turn; Replicate fills in `{prompt}`. The
 * instructions must not contain braces, which the template would read as placeholders.
 */
export function llama3Template(system: string): string {
  if (/[{}]/.test(system)) throw new Error("A prompt template's system text cannot contain braces.");
  return (
    `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n${system}<|eot_id|>` +
    "<|start_header_id|>user<|end_header_id|>\n\n{prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
  );
}

const LLAMA3_MAX_OUTPUT_TOKENS = 1500;

export const WRITER_MODELS = {
  "meta/meta-llama-3-8b-instruct": {
    ref: "meta/meta-llama-3-8b-instruct",
    perMillionTokensUsd: { input: 0.05, output: 0.25 },
    typicalTokens: { input: 700, output: 900 },
    maxOutputTokens: LLAMA3_MAX_OUTPUT_TOKENS,
    pollMs: 500,
    // This model has no system_prompt input (Replicate drops unknown inputs): the instructions go into its template.
    input: ({ system, prompt }) => ({
      prompt,
      prompt_template: llama3Template(system),
      max_tokens: LLAMA3_MAX_OUTPUT_TOKENS,
      temperature: 0.6,
    }),
  },
} satisfies Record<string, WriterModel>;

export const STILL_MODELS = {
  "black-forest-labs/flux-schnell": {
    ref: "black-forest-labs/flux-schnell",
    perImageUsd: 0.003,
    pollMs: 1000,
    input: ({ prompt, aspectRatio, seed }) => ({
      prompt,
      aspect_ratio: aspectRatio,
      seed,
      num_outputs: 1,
      output_format: "jpg",
      output_quality: 90,
    }),
  },
  // Draws from a reference image, so the stills of a video keep its characters and style.
  "black-forest-labs/flux-kontext-pro": {
    ref: "black-forest-labs/flux-kontext-pro",
    perImageUsd: 0.04,
    pollMs: 1000,
    takesReference: true,
    input: ({ prompt, aspectRatio, seed, referenceUrl }) => ({
      prompt: referenceUrl ? `${prompt}. Keep the characters, colours and style of the reference image.` : prompt,
      ...(referenceUrl ? { input_image: referenceUrl } : {}),
      aspect_ratio: aspectRatio,
      seed,
      output_format: "jpg",
      safety_tolerance: 2,
    }),
  },
} satisfies Record<string, StillModel>;

// Clip prices are Replicate's list prices per second of output video as last read; they change, so the
// estimate says "about" and the ledger records the figure each cost was computed from.
export const CLIP_MODELS = {
  "wan-video/wan-2.2-i2v-fast": {
    ref: "wan-video/wan-2.2-i2v-fast",
    label: "Wan 2.2 i2v fast",
    // Unconfirmed: the nearest published figure is about $0.012/s at 480p.
    tiers: {
      "480p": { perSecondUsd: 0.012, durations: [5], endFrame: true },
      "720p": { perSecondUsd: 0.025, durations: [5], endFrame: true },
    },
    defaultResolution: "480p",
    pollMs: 5000,
    input: ({ image, endImage, prompt, resolution, seed }) =>
      defined({ image, last_image: endImage, prompt, resolution, seed, go_fast: true }),
  },
  "bytedance/seedance-1-lite": {
    ref: "bytedance/seedance-1-lite",
    label: "Seedance 1 Lite",
    tiers: {
      "480p": { perSecondUsd: 0.018, durations: [5, 10], endFrame: true },
      "720p": { perSecondUsd: 0.036, durations: [5, 10], endFrame: true },
      "1080p": { perSecondUsd: 0.072, durations: [5, 10], endFrame: true },
    },
    defaultResolution: "720p",
    pollMs: 5000,
    input: ({ image, endImage, prompt, durationSec, resolution, seed }) =>
      defined({ image, last_frame_image: endImage, prompt, duration: durationSec, resolution, seed, camera_fixed: false }),
  },
  "bytedance/seedance-1-pro": {
    ref: "bytedance/seedance-1-pro",
    label: "Seedance 1 Pro",
    tiers: {
      "480p": { perSecondUsd: 0.03, durations: [5, 10], endFrame: true },
      "1080p": { perSecondUsd: 0.15, durations: [5, 10], endFrame: true },
    },
    defaultResolution: "1080p",
    pollMs: 5000,
    input: ({ image, endImage, prompt, durationSec, resolution, seed }) =>
      defined({ image, last_frame_image: endImage, prompt, duration: durationSec, resolution, seed, camera_fixed: false }),
  },
  "minimax/hailuo-02": {
    ref: "minimax/hailuo-02",
    label: "Hailuo 02",
    // Its schema: "10 seconds is only available for 768p resolution".
    tiers: {
      "512p": { perSecondUsd: 0.017, durations: [6], endFrame: true },
      "768p": { perSecondUsd: 0.045, durations: [6, 10], endFrame: true },
      "1080p": { perSecondUsd: 0.08, durations: [6], endFrame: true },
    },
    defaultResolution: "768p",
    pollMs: 5000,
    // The prompt optimizer rewrites prompts; ours already says what the camera does.
    input: ({ image, endImage, prompt, durationSec, resolution }) =>
      defined({
        first_frame_image: image,
        last_frame_image: endImage,
        prompt,
        duration: durationSec,
        resolution,
        prompt_optimizer: false,
      }),
  },
  "google/veo-3.1-fast": {
    ref: "google/veo-3.1-fast",
    label: "Veo 3.1 Fast",
    // Without its generated audio (the video's sound is made by Storyreel): $0.10/s; with audio it is $0.15/s.
    tiers: {
      "720p": { perSecondUsd: 0.1, durations: [4, 6, 8], endFrame: true },
      "1080p": { perSecondUsd: 0.1, durations: [8], endFrame: true },
    },
    defaultResolution: "720p",
    aspectRatios: ["16:9", "9:16"],
    endFrameDurations: [8],
    pollMs: 5000,
    input: ({ image, endImage, prompt, durationSec, resolution, aspectRatio, seed }) =>
      defined({
        image,
        last_frame: endImage,
        prompt,
        duration: durationSec,
        resolution,
        aspect_ratio: aspectRatio,
        generate_audio: false,
        seed,
      }),
  },
  "kwaivgi/kling-v2.1": {
    ref: "kwaivgi/kling-v2.1",
    label: "Kling 2.1",
    // Standard mode makes 720p, pro mode 1080p; only pro takes an end image.
    tiers: {
      "720p": { perSecondUsd: 0.05, durations: [5, 10], endFrame: false },
      "1080p": { perSecondUsd: 0.09, durations: [5, 10], endFrame: true },
    },
    defaultResolution: "720p",
    pollMs: 5000,
    input: ({ image, endImage, prompt, durationSec, resolution }) =>
      defined({
        start_image: image,
        end_image: endImage,
        prompt,
        duration: durationSec,
        mode: resolution === "1080p" ? "pro" : "standard",
      }),
  },
} satisfies Record<string, ClipModel>;

/** Text to speech, billed by the time the prediction runs (a community model on Replicate's hardware). */
export interface NarratorModel {
  ref: string;
  /** The hardware's price per second of prediction time, and a caption's usual time: the estimate. */
  perPredictSecondUsd: number;
  typicalPredictSec: number;
  /** The deadline a prediction is canceled at (sent as Cancel-After): the most run time a call can be billed for. */
  maxPredictSec: number;
  pollMs: number;
  input(args: { text: string; voice: VoiceId }): Record<string, unknown>;
}

// Kokoro's voices for ours: American and British, low and high; it has no Scottish voice (British low stands in).
const KOKORO_VOICES: Record<VoiceId, string> = {
  "en-us": "am_adam",
  "en-us+f3": "af_bella",
  "en-gb": "bm_george",
  "en-gb+f2": "bf_emma",
  "en-gb-scotland": "bm_lewis",
};

export const NARRATOR_MODELS = {
  "jaaari/kokoro-82m": {
    ref: "jaaari/kokoro-82m:9b835af53a2383159eaf0147c9bee26bf238bdfa7527eb2e9c24bb4b43dac02d",
    perPredictSecondUsd: 0.000225,
    typicalPredictSec: 3,
    // A caption is a sentence or two: two minutes is plenty, even queued.
    maxPredictSec: 120,
    pollMs: 500,
    // A little slower than its default, as espeak-ng is here: captions are read, not rushed.
    input: ({ text, voice }) => ({ text, voice: KOKORO_VOICES[voice], speed: 0.9 }),
  },
} satisfies Record<string, NarratorModel>;

export const MODEL_TABLES = {
  writer: WRITER_MODELS as Record<string, WriterModel>,
  still: STILL_MODELS as Record<string, StillModel>,
  clip: CLIP_MODELS as Record<string, ClipModel>,
  narrator: NARRATOR_MODELS as Record<string, NarratorModel>,
};

export function parseModelRef(ref: string): ModelRef {
  // A pinned version is Replicate's full 64-hex version id; a prefix is not accepted by the API.
  const match = /^([\w.-]+)\/([\w.-]+)(?::([0-9a-f]{64}))?$/.exec(ref);
  if (!match) throw new Error(`"${ref}" is not a Replicate model reference (owner/name or owner/name:version).`);
  return { owner: match[1]!, name: match[2]!, version: match[3] };
}

/** The lengths a clip may have with this model at this resolution, given whether it must end on a chosen frame. */
export function allowedDurations(model: ClipModel, resolution: string, endFrame: boolean): readonly number[] {
  const tier = ownEntry(model.tiers, resolution);
  if (!tier) throw new Error(`${model.ref} has no ${resolution} resolution.`);
  if (!endFrame || !model.endFrameDurations) return tier.durations;
  const both = tier.durations.filter((d) => model.endFrameDurations!.includes(d));
  return both.length ? both : model.endFrameDurations;
}

/** The shortest allowed length that covers the scene (the clip is trimmed to fit), else the longest. */
export function snapDuration(allowed: readonly number[], wantedSec: number): number {
  const sorted = [...allowed].sort((a, b) => a - b);
  return sorted.find((d) => d >= wantedSec) ?? sorted[sorted.length - 1]!;
}
