import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { firstOutputUrl, looksLike } from "@/lib/providers/replicate/download-output";
import { CLIP_MODELS, parseModelRef, snapDuration } from "@/lib/providers/replicate/model-table";
import { parseSceneJson } from "@/lib/providers/replicate/replicate-scene-writer";
import { ReplicateError } from "@/lib/providers/replicate/replicate-errors";

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
    const kling = CLIP_MODELS["kwaivgi/kling-v2.1"];
    assert.equal(snapDuration(kling, 3.5), 5);
    assert.equal(snapDuration(kling, 7), 10);
    assert.equal(snapDuration(kling, 14), 10, "longer than any: the longest, held on its last frame");
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
    assert.throws(() => parseSceneJson("No JSON here."), /no JSON array/);
  });
});
