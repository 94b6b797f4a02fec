import type { NarratorModel, StillModel, WriterModel } from "./model-table";
import { tierOf, type ClipChoice } from "./clip-plan";
import type { Prediction } from "./replicate-api";

/** What one prediction cost, and what that was computed from, in words a person checking the bill can follow. */
export interface BilledCost {
  usd: number;
  basis: string;
}

const dollars = (usd: number) => `$${Number(usd.toPrecision(3))}`;

export function tokenCost(model: WriterModel, tokens: { input: number; output: number }): number {
  return (tokens.input * model.perMillionTokensUsd.input + tokens.output * model.perMillionTokensUsd.output) / 1e6;
}

/**
 * The most input tokens a request can be: the UTF-8 bytes of its text (prompt, template, system prompt). Llama's
 * tokenizer, like every byte-level BPE, never makes a token of less than one byte.
 */
export function maxInputTokens(input: Record<string, unknown>): number {
  return Object.values(input).reduce<number>((sum, v) => sum + (typeof v === "string" ? Buffer.byteLength(v, "utf8") : 0), 0);
}

/** The most one call with this input can be billed: every input token, and the answer at its length limit. */
export function writerMaxCostUsd(model: WriterModel, input: Record<string, unknown>): number {
  return tokenCost(model, { input: maxInputTokens(input), output: model.maxOutputTokens });
}

/** The most one call can be billed: run time up to the deadline it is canceled at. */
export function predictTimeMaxCostUsd(model: NarratorModel): number {
  return model.maxPredictSec * model.perPredictSecondUsd;
}

/** Billed per token: the counts Replicate reports in the prediction's metrics (typical counts if it reports none). */
export function writerCost(model: WriterModel, prediction: Pick<Prediction, "metrics">): BilledCost {
  const input = prediction.metrics?.input_token_count;
  const output = prediction.metrics?.output_token_count;
  const prices = `${dollars(model.perMillionTokensUsd.input)}/${dollars(model.perMillionTokensUsd.output)} per million`;
  if (typeof input !== "number" || typeof output !== "number") {
    return {
      usd: tokenCost(model, model.typicalTokens),
      basis: `no token counts reported; typical ${model.typicalTokens.input} + ${model.typicalTokens.output} tokens at ${prices}`,
    };
  }
  return { usd: tokenCost(model, { input, output }), basis: `${input} input + ${output} output tokens at ${prices}` };
}

/** Billed by the time the prediction ran on its hardware (the typical time if Replicate reports none). */
export function predictTimeCost(model: NarratorModel, prediction: Pick<Prediction, "metrics">): BilledCost {
  const seconds = prediction.metrics?.predict_time;
  const rate = `${dollars(model.perPredictSecondUsd)}/s`;
  if (typeof seconds !== "number") {
    return {
      usd: model.typicalPredictSec * model.perPredictSecondUsd,
      basis: `no run time reported; typical ${model.typicalPredictSec} s at ${rate}`,
    };
  }
  return { usd: seconds * model.perPredictSecondUsd, basis: `${seconds} s of run time at ${rate}` };
}

export function stillCost(model: StillModel): BilledCost {
  return { usd: model.perImageUsd, basis: `1 image at ${dollars(model.perImageUsd)}` };
}

/** Billed per second of video made: the length asked for (one the model allows). */
export function clipCost(choice: Pick<ClipChoice, "model" | "resolution">, seconds: number): BilledCost {
  const { perSecondUsd } = tierOf(choice);
  return { usd: perSecondUsd * seconds, basis: `${seconds} s of ${choice.resolution} video at ${dollars(perSecondUsd)}/s` };
}
