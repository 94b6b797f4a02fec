import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { drawLocalStill } from "@/lib/backends/local/local-illustrator";
import { chooseTheme } from "@/lib/backends/local/themes";
import { chooseWeather } from "@/lib/backends/local/weather";

const still = (imagePrompt: string, seed = 1) =>
  drawLocalStill({ imagePrompt, storyPrompt: imagePrompt, seed, aspectRatio: "16:9", style: "cinematic" });

async function meanBrightness(image: Buffer): Promise<number> {
  const { channels } = await sharp(image).stats();
  return channels.slice(0, 3).reduce((sum, c) => sum + c.mean, 0) / 3;
}

describe("local illustrator", () => {
  it("chooses the world from the scene's words, and the story's when the scene names none", () => {
    assert.equal(chooseTheme("waves crash on the beach").name, "sea");
    assert.equal(chooseTheme("neon signs over the street").name, "city");
    assert.equal(chooseTheme("she climbs the stairs", "a lighthouse by the sea").name, "sea");
    assert.equal(chooseTheme("a quiet afternoon").name, "meadow");
  });

  it("relights the story's place at a time of day instead of leaving it", () => {
    assert.equal(chooseTheme("at night the lamp fails", "a lighthouse by the sea").name, "sea at night");
    assert.equal(chooseTheme("the city wakes at dawn").name, "city at dawn");
    assert.equal(chooseTheme("a dream at midnight").name, "night");
  });

  it("reads weather from the scene alone", () => {
    assert.equal(chooseWeather("a storm rolls in over the sea"), "storm");
    assert.equal(chooseWeather("rain on the window"), "rain");
    assert.equal(chooseWeather("mist over the lake"), "fog");
    assert.equal(chooseWeather("a calm sea at sunset"), null);
  });

  it("paints a storm darker than the same sea in calm weather", async () => {
    const [storm, calm] = await Promise.all([still("a storm over the sea"), still("a calm sea")]);
    assert.ok((await meanBrightness(storm)) < (await meanBrightness(calm)) - 10);
  });

  it("draws a JPEG at the frame size of the aspect ratio, identical for the same seed", async () => {
    const first = await still("a fox in the snowy forest", 5);
    const again = await still("a fox in the snowy forest", 5);
    const other = await still("a fox in the snowy forest", 6);
    const meta = await sharp(first).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["jpeg", 1280, 720]);
    assert.ok(first.equals(again));
    assert.ok(!first.equals(other));
  });
});
