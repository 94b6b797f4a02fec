import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkInput } from "../fakes/model-schemas";
import { chooseClips } from "@/lib/backends/replicate/clip-plan";
import { allowedDurations, CLIP_MODELS, type ClipModel } from "@/lib/backends/replicate/model-table";
import { estimateJobCost } from "@/lib/costs/estimate-cost";
import { resolveModels } from "@/lib/backends/replicate/configured-models";

const models = Object.values(CLIP_MODELS as Record<string, ClipModel>);
const file = "https://api.replicate.com/v1/files/abc";

describe("the clip model table", () => {
  it("asks every model only for what its published schema accepts, at every resolution, length and frame", () => {
    let checked = 0;
    for (const model of models) {
      for (const [resolution, tier] of Object.entries(model.tiers)) {
        for (const endFrame of tier.endFrame ? [false, true] : [false]) {
          for (const durationSec of allowedDurations(model, resolution, endFrame)) {
            const input = model.input({
              image: file,
              endImage: endFrame ? `${file}2` : undefined,
              prompt: "A kite over the dunes. slow push-in camera move.",
              durationSec,
              resolution,
              aspectRatio: model.aspectRatios?.[0] ?? "16:9",
              seed: 42,
            });
            assert.equal(checkInput(model.ref, input), null, `${model.ref} ${resolution} ${durationSec}s end=${endFrame}`);
            assert.equal(Object.values(input).includes(undefined), false, "no key sent without a value");
            checked++;
          }
        }
      }
    }
    assert.ok(checked >= 25, `${checked} combinations`);
  });

  it("finds no model or resolution under the names every object inherits", () => {
    const kling = CLIP_MODELS["kwaivgi/kling-v2.1"] as ClipModel;
    for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf"]) {
      assert.throws(() => chooseClips(kling, { resolution: name }), {
        message: `Kling 2.1 makes 720p, 1080p video, not ${name}.`,
      });
      assert.throws(() => allowedDurations(kling, name, false), /has no .* resolution/);
      assert.throws(
        () => resolveModels({ writer: name, still: name, clip: name }),
        /is not a model Storyreel knows/,
        `${name} as a model name`,
      );
    }
  });

  it("has a default resolution, a price and lengths for every model", () => {
    for (const model of models) {
      assert.ok(model.tiers[model.defaultResolution], model.ref);
      for (const tier of Object.values(model.tiers)) assert.ok(tier.perSecondUsd > 0 && tier.durations.length > 0, model.ref);
    }
  });

  it("offers continuous scenes only where the model takes a last frame, and says what to pick instead", () => {
    const kling = CLIP_MODELS["kwaivgi/kling-v2.1"];
    assert.equal(chooseClips(kling, { resolution: "1080p", continuity: "continuous" }).continuity, "continuous");
    assert.throws(() => chooseClips(kling, { resolution: "720p", continuity: "continuous" }), /choose 1080p, or chained scenes/);
    assert.equal(chooseClips(kling, { continuity: "chained" }).resolution, "720p", "the default resolution");
    assert.throws(() => chooseClips(CLIP_MODELS["google/veo-3.1-fast"], {}, "1:1"), /16:9, 9:16 video only/);
  });

  it("estimates continuous Veo scenes at 8 s each but the last", () => {
    const names = {
      writer: "meta/meta-llama-3-8b-instruct",
      still: "black-forest-labs/flux-schnell",
      clip: "google/veo-3.1-fast",
    };
    const m = resolveModels(names);
    const plain = estimateJobCost({ models: m, sceneCount: 3 }).lines[2]!;
    const continuous = estimateJobCost({
      models: m,
      sceneCount: 3,
      clips: chooseClips(m.clip, { continuity: "continuous" }),
    }).lines[2]!;
    assert.equal(plain.label, "3 clips of 4 s at 720p (google/veo-3.1-fast)");
    assert.equal(continuous.label, "3 clips of 8 or 4 s at 720p (google/veo-3.1-fast)");
    assert.ok(Math.abs(continuous.usd - 20 * 0.1) < 1e-9);
  });
});
