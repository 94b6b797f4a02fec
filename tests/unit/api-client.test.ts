import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, it } from "node:test";
import { API_TYPES_FILE, renderApiTypes } from "@/lib/api-client/render-api-types";
import { formatUsd, progressLine } from "@/lib/cli/progress-bar";

describe("the typed client", () => {
  it("is typed from today's OpenAPI document (run npm run api:types after changing a schema)", async () => {
    const committed = fs.readFileSync(API_TYPES_FILE, "utf8");
    assert.ok(committed === (await renderApiTypes()), `${API_TYPES_FILE} is out of date: run npm run api:types`);
  });
});

describe("the remote CLI's progress line", () => {
  it("draws a bar with the percentage, the stage and the time left", () => {
    assert.equal(
      progressLine({ percent: 42.4, stage: "Rendering clips", etaSeconds: 95 }, 10),
      "[####------]  42%  Rendering clips · about 1 min 35 s left",
    );
    assert.equal(progressLine({ percent: 100, stage: "Completed", etaSeconds: null }, 4), "[####] 100%  Completed");
    assert.equal(progressLine({ percent: -3, stage: "Waiting in queue", etaSeconds: 0 }, 4), "[----]   0%  Waiting in queue");
    assert.equal(
      progressLine({ percent: 5, stage: "Writing scenes", etaSeconds: 7.2 }, 4),
      "[----]   5%  Writing scenes · about 8 s left",
    );
  });

  it("prints dollars as cents, and fractions of a cent where that is all there is", () => {
    assert.equal(formatUsd(0), "$0.00");
    assert.equal(formatUsd(0.0042), "$0.004");
    assert.equal(formatUsd(1.239), "$1.24");
  });
});
