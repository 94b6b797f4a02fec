import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeZodError } from "@/lib/http/route-handler";
import { createJobSchema, editSceneSchema, reorderScenesSchema } from "@/lib/jobs/schemas";

const messageFor = (input: unknown) => {
  const result = createJobSchema.safeParse(input);
  assert.equal(result.success, false);
  return describeZodError(result.error!);
};

describe("createJobSchema", () => {
  it("fills defaults and trims the prompt", () => {
    assert.deepEqual(createJobSchema.parse({ prompt: "  a quiet harbor  " }), {
      prompt: "a quiet harbor",
      sceneCount: 4,
      aspectRatio: "16:9",
      style: "cinematic",
      autoApprove: false,
      narration: false,
    });
  });

  it("explains each bad input in words a person understands", () => {
    assert.match(messageFor({ prompt: "   " }), /Write a prompt/);
    assert.match(messageFor({}), /Write a prompt/);
    assert.match(messageFor({ prompt: "x".repeat(2001) }), /too long.*2,000/);
    assert.match(messageFor({ prompt: "ok", sceneCount: 9 }), /from 2 to 8/);
    assert.match(messageFor({ prompt: "ok", sceneCount: 2.5 }), /whole number/);
    assert.match(messageFor({ prompt: "ok", aspectRatio: "4:3" }), /16:9, 9:16, 1:1/);
    assert.match(messageFor({ prompt: "ok", style: "pixar" }), /Style must be one of/);
    assert.match(messageFor({ prompt: "ok", autoApprove: "yes" }), /true or false/);
    assert.match(messageFor({ prompt: "ok", colour: "red" }), /Unknown field: colour/);
  });

  it("accepts exactly 2,000 characters, counting an emoji as one", () => {
    assert.equal(createJobSchema.parse({ prompt: "x".repeat(2000) }).prompt.length, 2000);
    assert.equal(
      createJobSchema.parse({ prompt: "🦊".repeat(1500) }).prompt.length,
      3000,
      "1,500 emoji are 3,000 UTF-16 units but 1,500 characters",
    );
    assert.match(messageFor({ prompt: "🦊".repeat(2001) }), /too long/);
  });

  it("refuses text with a broken character by naming the field", () => {
    assert.match(messageFor({ prompt: "a fox \ud800 in the snow" }), /The prompt contains a broken character/);
    assert.match(
      describeZodError(editSceneSchema.safeParse({ caption: "x\udc00" }).error!),
      /The caption contains a broken character/,
    );
  });
});

describe("scene edit schemas", () => {
  it("needs at least one change and rejects empty captions", () => {
    assert.equal(editSceneSchema.safeParse({}).success, false);
    assert.equal(editSceneSchema.safeParse({ caption: " " }).success, false);
    assert.equal(editSceneSchema.safeParse({ motion: "spin" }).success, false);
    assert.deepEqual(editSceneSchema.parse({ caption: " New words " }), { caption: "New words" });
    assert.match(describeZodError(editSceneSchema.safeParse({ durationSec: 20 }).error!), /from 1.5 to 15 seconds/);
  });

  it("requires a list of scene ids to reorder", () => {
    assert.equal(reorderScenesSchema.safeParse({ sceneIds: [] }).success, false);
    assert.equal(reorderScenesSchema.safeParse({ sceneIds: ["cmabc0000000001", "cmabc0000000002"] }).success, true);
    assert.match(describeZodError(reorderScenesSchema.safeParse({ sceneIds: ["../etc"] }).error!), /not a scene id/);
  });
});
