import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { firstOutputUrl, looksLike } from "@/lib/backends/replicate/download-output";
import { allowedDurations, CLIP_MODELS, parseModelRef, snapDuration } from "@/lib/backends/replicate/model-table";
import { parseSceneJson, readMotion, readSceneAnswer } from "@/lib/backends/scene-answer";
import { ReplicateError } from "@/lib/backends/replicate/replicate-errors";

describe("Replicate model table", () => {
  it("reads official and pinned model references, and refuses anything else", () => {
    assert.deepEqual(parseModelRef("black-forest-labs/flux-schnell"), {
      owner: "black-forest-labs",
      name: "flux-schnell",
      version: undefined,
    });
    const version = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
    assert.deepEqual(parseModelRef(`owner/model:${version}`), { owner: "owner", name: "model", version });
    assert.throws(
      () => parseModelRef("owner/model:5c7d5dc6dd8bf75c"),
      /not a Replicate model reference/,
      "a version prefix is refused",
    );
    assert.throws(() => parseModelRef("https://evil.example/x"), /not a Replicate model reference/);
  });

  it("snaps a scene's length to the shortest allowed clip that covers it", () => {
    const kling = CLIP_MODELS["kwaivgi/kling-v2.1"].tiers["720p"].durations;
    assert.equal(snapDuration(kling, 3.5), 5);
    assert.equal(snapDuration(kling, 7), 10);
    assert.equal(snapDuration(kling, 14), 10, "longer than any: the longest, held on its last frame");
  });

  it("allows fewer lengths where the model says so: Hailuo's 10 s only at 768p, Veo's end frame only over 8 s", () => {
    const hailuo = CLIP_MODELS["minimax/hailuo-02"];
    assert.deepEqual(allowedDurations(hailuo, "768p", false), [6, 10]);
    assert.deepEqual(allowedDurations(hailuo, "1080p", false), [6]);
    const veo = CLIP_MODELS["google/veo-3.1-fast"];
    assert.deepEqual(allowedDurations(veo, "720p", false), [4, 6, 8]);
    assert.deepEqual(allowedDurations(veo, "720p", true), [8]);
    assert.throws(() => allowedDurations(veo, "4k", false), /has no 4k resolution/);
  });
});

describe("Replicate outputs", () => {
  it("tells real images and videos from an HTML error page by their first bytes", async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypisom"), Buffer.alloc(20)]);
    const html = Buffer.from("<html><body>502 Bad Gateway</body></html>");
    assert.ok(looksLike("image", jpeg) && looksLike("image", png) && looksLike("video", mp4));
    assert.ok(!looksLike("video", html) && !looksLike("image", html) && !looksLike("image", mp4));
  });

  it("takes the first file URL whatever shape the output has, and calls a missing one a failed output", () => {
    assert.equal(
      firstOutputUrl(["https://replicate.delivery/a.jpg", "https://replicate.delivery/b.jpg"]),
      "https://replicate.delivery/a.jpg",
    );
    assert.equal(firstOutputUrl("https://replicate.delivery/v.mp4"), "https://replicate.delivery/v.mp4");
    assert.throws(
      () => firstOutputUrl(null),
      (e) => e instanceof ReplicateError && e.kind === "output" && e.retryable,
    );
  });

  it("finds the scene JSON in an LLM answer wrapped in prose or code fences", () => {
    assert.deepEqual(parseSceneJson('Sure!\n```json\n[{"caption":"a"}]\n```'), [{ caption: "a" }]);
    assert.throws(() => parseSceneJson("No JSON here."), /no JSON in the answer/);
  });
});

describe("reading a scene writer's answer", () => {
  const scene = (extra: Record<string, unknown> = {}) => ({
    caption: "A fox.",
    imagePrompt: "A red fox in snow",
    motion: "zoom-in",
    durationSec: 4,
    ...extra,
  });
  const read = (value: unknown, count = 2) => readSceneAnswer(typeof value === "string" ? value : JSON.stringify(value), count);

  it("accepts what a person would: a wrapping object, renamed keys, '4s', spoken motions, one scene too many", () => {
    const answer = {
      scenes: [
        { narration: "A fox wakes.", image_prompt: "A fox in a den", camera: "Zoom In", duration: "4s" },
        { caption: "It runs.", prompt: "A fox running across snow", motion: "pan to the left", seconds: "3.5 seconds" },
        scene(),
      ],
    };
    const result = read(answer);
    assert.ok("scenes" in result, JSON.stringify(result));
    assert.deepEqual(result.scenes, [
      { caption: "A fox wakes.", imagePrompt: "A fox in a den", motion: "zoom-in", durationSec: 4 },
      { caption: "It runs.", imagePrompt: "A fox running across snow", motion: "pan-left", durationSec: 3.5 },
    ]);
    assert.equal(readMotion("dolly"), "zoom-in", "an invented motion becomes a gentle zoom");
  });

  it("says what is wrong with what it cannot use, for the repair request", () => {
    assert.deepEqual(read([scene()]), { problem: "There must be exactly 2 scenes." });
    assert.deepEqual(read([scene(), scene({ durationSec: 20 })]), {
      problem: "at 1.durationSec: A scene lasts from 1.5 to 15 seconds.",
    });
    assert.deepEqual(read([scene(), scene({ durationSec: "a while" })]), {
      problem: "at 1.durationSec: A scene lasts from 1.5 to 15 seconds.",
    });
    assert.deepEqual(read("Sure! Here is a lovely story."), { problem: "no JSON in the answer" });
    assert.deepEqual(read({ title: "x" }), { problem: "the answer is not a list of scenes" });
  });
});
