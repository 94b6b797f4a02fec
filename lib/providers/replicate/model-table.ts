import type { AspectRatio } from "@/lib/vocabulary";

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
  pollMs: number;
  input(args: { system: string; prompt: string }): Record<string, unknown>;
}

export interface StillModel {
  ref: string;
  perImageUsd: number;
  pollMs: number;
  input(args: { prompt: string; aspectRatio: AspectRatio; seed: number }): Record<string, unknown>;
}

export interface ClipModel {
  ref: string;
  /** Output lengths the model accepts, in seconds; a scene's length is snapped to one of them. */
  durations: readonly number[];
  resolution: "480p" | "720p";
  perSecondUsd: number;
  pollMs: number;
  input(args: {
    image: string;
    prompt: string;
    durationSec: number;
    aspectRatio: AspectRatio;
    seed: number;
  }): Record<string, unknown>;
}

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

export const WRITER_MODELS = {
  "meta/meta-llama-3-8b-instruct": {
    ref: "meta/meta-llama-3-8b-instruct",
    perMillionTokensUsd: { input: 0.05, output: 0.25 },
    typicalTokens: { input: 700, output: 900 },
    pollMs: 500,
    // This model has no system_prompt input (Replicate drops unknown inputs): the instructions go into its template.
    input: ({ system, prompt }) => ({ prompt, prompt_template: llama3Template(system), max_tokens: 1500, temperature: 0.6 }),
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
} satisfies Record<string, StillModel>;

export const CLIP_MODELS = {
  "wan-video/wan-2.2-i2v-fast": {
    ref: "wan-video/wan-2.2-i2v-fast",
    durations: [5],
    resolution: "480p",
    perSecondUsd: 0.01,
    pollMs: 5000,
    input: ({ image, prompt, seed }) => ({ image, prompt, resolution: "480p", seed, go_fast: true }),
  },
  "kwaivgi/kling-v2.1": {
    ref: "kwaivgi/kling-v2.1",
    durations: [5, 10],
    resolution: "720p",
    perSecondUsd: 0.05,
    pollMs: 5000,
    input: ({ image, prompt, durationSec }) => ({ start_image: image, prompt, duration: durationSec, mode: "standard" }),
  },
} satisfies Record<string, ClipModel>;

export const MODEL_TABLES = {
  writer: WRITER_MODELS as Record<string, WriterModel>,
  still: STILL_MODELS as Record<string, StillModel>,
  clip: CLIP_MODELS as Record<string, ClipModel>,
};

export function parseModelRef(ref: string): ModelRef {
  // A pinned version is Replicate's full 64-hex version id; a prefix is not accepted by the API.
  const match = /^([\w.-]+)\/([\w.-]+)(?::([0-9a-f]{64}))?$/.exec(ref);
  if (!match) throw new Error(`"${ref}" is not a Replicate model reference (owner/name or owner/name:version).`);
  return { owner: match[1]!, name: match[2]!, version: match[3] };
}

/** The shortest allowed length that covers the scene (the clip is trimmed to fit), else the longest. */
export function snapDuration(model: ClipModel, wantedSec: number): number {
  const sorted = [...model.durations].sort((a, b) => a - b);
  return sorted.find((d) => d >= wantedSec) ?? sorted[sorted.length - 1]!;
}
