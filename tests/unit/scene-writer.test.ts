import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { writeLocalScenes } from "@/lib/backends/local/local-scene-writer";
import { sceneDraftsSchema } from "@/lib/jobs/schemas";
import { chunkPrompt } from "@/lib/backends/local/split-prompt";
import { PROMPT_LIMITS, SCENE_COUNT_LIMITS } from "@/lib/vocabulary";

const STORY =
  "A lighthouse keeper watches a storm roll in over the sea. At night the lamp fails, and a small boat drifts toward the rocks. She climbs the tower with a lantern. At dawn the boat is safe in the harbor.";

describe("local scene writer", () => {
  it("gives one scene per sentence when the counts match, in order", () => {
    const scenes = writeLocalScenes({ prompt: STORY, sceneCount: 4, style: "cinematic", seed: 1 });
    assert.deepEqual(
      scenes.map((s) => s.caption),
      [
        "A lighthouse keeper watches a storm roll in over the sea.",
        "At night the lamp fails, and a small boat drifts toward the rocks.",
        "She climbs the tower with a lantern.",
        "At dawn the boat is safe in the harbor.",
      ],
    );
    for (const scene of scenes) {
      assert.match(scene.imagePrompt, /cinematic lighting/);
      assert.ok(scene.durationSec >= 3 && scene.durationSec <= 6);
    }
  });

  it("is deterministic for a prompt and seed, and varies with the seed", () => {
    const a = writeLocalScenes({ prompt: "A cat naps in the sun.", sceneCount: 5, style: "storybook", seed: 7 });
    const b = writeLocalScenes({ prompt: "A cat naps in the sun.", sceneCount: 5, style: "storybook", seed: 7 });
    const c = writeLocalScenes({ prompt: "A cat naps in the sun.", sceneCount: 5, style: "storybook", seed: 8 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it("honours every scene count from 2 to 8, even for a prompt of two words", () => {
    for (const prompt of ["Two cats", STORY, `${STORY} ${STORY} ${STORY}`]) {
      for (let count = 2; count <= 8; count++) {
        const scenes = writeLocalScenes({ prompt, sceneCount: count, style: "noir", seed: 3 });
        assert.equal(scenes.length, count, `${count} scenes for "${prompt.slice(0, 20)}"`);
        assert.ok(scenes.every((s) => s.caption.length > 0 && s.caption.length <= 120));
      }
    }
  });

  it("keeps the scene limits the pipeline checks, even for one sentence as long as a prompt may be", () => {
    const longest = `A fox ${"and a very long winding tale ".repeat(80)}`.slice(0, PROMPT_LIMITS.maxChars);
    const emoji = "🦊".repeat(PROMPT_LIMITS.maxChars);
    for (const prompt of [longest, emoji, STORY]) {
      for (let count = SCENE_COUNT_LIMITS.min; count <= SCENE_COUNT_LIMITS.max; count++) {
        for (const targetSeconds of [undefined, 4, 120]) {
          const scenes = writeLocalScenes({ prompt, sceneCount: count, style: "watercolor", seed: 5, targetSeconds });
          const checked = sceneDraftsSchema(count).safeParse(scenes);
          assert.ok(checked.success, `${count} scenes, ${targetSeconds ?? "auto"} s: ${checked.error?.message}`);
        }
      }
    }
  });

  it("splits long sentences at clause breaks and merges short neighbours", () => {
    assert.deepEqual(chunkPrompt("A knight rides out at dawn, then he crosses the river and climbs the hill.", 2), [
      "A knight rides out at dawn",
      "he crosses the river and climbs the hill.",
    ]);
    assert.equal(chunkPrompt("One. Two. Three. Four. Five. Six.", 3).length, 3);
  });

  it("spreads a target length over the scenes", () => {
    const scenes = writeLocalScenes({ prompt: STORY, sceneCount: 4, style: "cinematic", seed: 1, targetSeconds: 30 });
    const total = scenes.reduce((sum, s) => sum + s.durationSec, 0);
    assert.ok(Math.abs(total - 30) <= 0.5, `total ${total}`);
  });

  it("picks the camera motion from the scene's words", () => {
    const [scene] = writeLocalScenes({
      prompt: "The rocket climbs into the sky. The end.",
      sceneCount: 2,
      style: "neon",
      seed: 1,
    });
    assert.equal(scene?.motion, "pan-up");
  });
});
