import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  clipCost,
  maxInputTokens,
  predictTimeCost,
  predictTimeMaxCostUsd,
  stillCost,
  tokenCost,
  writerCost,
  writerMaxCostUsd,
} from "@/lib/backends/replicate/billing";
import { CLIP_MODELS, NARRATOR_MODELS, STILL_MODELS, WRITER_MODELS, type ClipModel } from "@/lib/backends/replicate/model-table";
import { sceneWriterHoldUsd } from "@/lib/backends/replicate/replicate-scene-writer";
import { draftCostUsd, type PricedJob } from "@/lib/costs/work-cost";
import { PROMPT_LIMITS } from "@/lib/vocabulary";

// What a prediction is held for before it is made: the most it can be billed, so a daily cap is never crossed.
const llama = WRITER_MODELS["meta/meta-llama-3-8b-instruct"];
const kokoro = NARRATOR_MODELS["jaaari/kokoro-82m"];
const near = (a: number, b: number) => Math.abs(a - b) < 1e-15;

describe("the most a call can cost", () => {
  it("counts a request's input tokens as the UTF-8 bytes of its text, and nothing else", () => {
    assert.equal(maxInputTokens({ prompt: "abc", prompt_template: "de{prompt}", max_tokens: 1500, temperature: 0.6 }), 13);
    // One code point, four bytes: a tokenizer may spend a token on each byte.
    assert.equal(maxInputTokens({ prompt: "\u{1F98A}é" }), 6);
    assert.equal(maxInputTokens({}), 0);
  });

  it("a language model: every input token and the answer at its max_tokens, at its per-token prices", () => {
    const input = llama.input({ system: "Split it.", prompt: "A fox runs." });
    assert.equal(input.max_tokens, llama.maxOutputTokens, "the limit held for is the one sent");
    const bytes = maxInputTokens(input);
    assert.ok(near(writerMaxCostUsd(llama, input), (bytes * 0.05 + llama.maxOutputTokens * 0.25) / 1e6));
    assert.ok(writerMaxCostUsd(llama, input) > tokenCost(llama, llama.typicalTokens) / 2);
    // Whatever a bill says within those limits is at most the hold; the typical bill of a long prompt is less.
    const billed = writerCost(llama, { metrics: { input_token_count: bytes, output_token_count: llama.maxOutputTokens } });
    assert.ok(near(billed.usd, writerMaxCostUsd(llama, input)));
  });

  it("holds the first writer call of any prompt a person may write, more than its typical cost", () => {
    const hold = sceneWriterHoldUsd(llama);
    const longest = llama.input({ system: "x".repeat(2000), prompt: "\u{10FFFF}".repeat(PROMPT_LIMITS.maxChars) });
    assert.ok(hold > tokenCost(llama, llama.typicalTokens));
    assert.ok(hold >= tokenCost(llama, { input: PROMPT_LIMITS.maxChars * 4, output: llama.maxOutputTokens }));
    assert.ok(hold < writerMaxCostUsd(llama, longest), "and not wildly more: the real instructions are shorter than 2000 bytes");
  });

  it("a per-second model: run time up to the deadline it is canceled at", () => {
    assert.ok(near(predictTimeMaxCostUsd(kokoro), kokoro.maxPredictSec * kokoro.perPredictSecondUsd));
    assert.ok(predictTimeMaxCostUsd(kokoro) > predictTimeCost(kokoro, {}).usd, "more than a typical caption");
    assert.ok(
      near(predictTimeCost(kokoro, { metrics: { predict_time: kokoro.maxPredictSec } }).usd, predictTimeMaxCostUsd(kokoro)),
    );
  });

  it("per-output models: their exact price, a still per image and a clip per second asked for", () => {
    assert.equal(stillCost(STILL_MODELS["black-forest-labs/flux-schnell"]).usd, 0.003);
    const kling = CLIP_MODELS["kwaivgi/kling-v2.1"] as ClipModel;
    assert.ok(near(clipCost({ model: kling, resolution: "1080p" }, 10).usd, 10 * kling.tiers["1080p"]!.perSecondUsd));
  });

  it("a job is held, when it is created, for the most its writer can cost plus its stills", () => {
    const job: PricedJob = {
      backend: "replicate",
      sceneCount: 3,
      writerModel: "meta/meta-llama-3-8b-instruct",
      stillModel: "black-forest-labs/flux-schnell",
      clipModel: "wan-video/wan-2.2-i2v-fast",
      clipResolution: null,
      continuity: "none",
      voice: null,
      narratorModel: null,
    };
    assert.ok(near(draftCostUsd(job), sceneWriterHoldUsd(llama) + 3 * 0.003));
    assert.equal(draftCostUsd({ ...job, backend: "local" }), 0);
  });
});
