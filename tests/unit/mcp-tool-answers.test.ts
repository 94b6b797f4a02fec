import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { toolAnswer, toolError } from "@/lib/mcp/tool-answers";

describe("MCP tool answers", () => {
  it("give the studio's paths as whole URLs, in text and structured content alike, and leave other text alone (a caption may start with a slash)", () => {
    const answer = toolAnswer(
      { video: { videoUrl: "/api/media/videos/j/final.mp4", links: { page: "/jobs/j" }, caption: "/api/ is a path" }, n: 2 },
      "https://studio.example",
    );
    const expected = {
      video: {
        videoUrl: "https://studio.example/api/media/videos/j/final.mp4",
        links: { page: "https://studio.example/jobs/j" },
        caption: "/api/ is a path",
      },
      n: 2,
    };
    assert.deepEqual(answer.structuredContent, expected);
    assert.deepEqual(JSON.parse((answer.content[0] as { text: string }).text), expected);
  });

  it("turn a refusal into a tool error with the API's code and sentence, and hide what went wrong inside", () => {
    const refused = toolError(new AppError("budget_exceeded", "This needs $0.40, but your daily limit has $0.10 left."));
    assert.equal(refused.isError, true);
    assert.deepEqual(refused.structuredContent, {
      error: { code: "budget_exceeded", message: "This needs $0.40, but your daily limit has $0.10 left." },
    });
    const invalid = toolError(z.object({ n: z.int("n must be a whole number.") }).safeParse({ n: 1.5 }).error);
    assert.equal((invalid.content[0] as { text: string }).text, "n must be a whole number.");
    const broken = toolError(new Error("SQLITE_CORRUPT at /data/storyreel.db"));
    assert.equal((broken.structuredContent as { error: { code: string } }).error.code, "internal");
    assert.doesNotMatch((broken.content[0] as { text: string }).text, /SQLITE|\/data/);
  });
});
