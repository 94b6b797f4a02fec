import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { drawLocalStill, planLocalStill } from "@/lib/backends/local/local-illustrator";
import type { Placement } from "@/lib/backends/local/plan-subjects";
import { customBody } from "@/lib/subjects/custom-drawings";
import { hasIcon, iconBody } from "@/lib/subjects/emoji-set";
import { findSubjects } from "@/lib/subjects/find-subjects";
import { CUSTOM, SYNONYMS } from "@/lib/subjects/subject-words";
import type { DrawStillInput } from "@/lib/backends/types";
import { measureCorpus, SUBJECT_CORPUS } from "./subject-corpus";

const input = (imagePrompt: string, extra: Partial<DrawStillInput> = {}): DrawStillInput => ({
  imagePrompt,
  seed: 11,
  aspectRatio: "16:9",
  style: "cinematic",
  ...extra,
});

const subjectOf = (prompt: string, extra: Partial<DrawStillInput> = {}): Placement => {
  const found = planLocalStill(input(prompt, extra)).plan.placements.find((p) => p.role === "subject");
  assert.ok(found, `no subject planned for "${prompt}"`);
  return found;
};

/** Mean absolute difference per channel of two same-size images, inside a box (or outside it). */
async function difference(
  a: Buffer,
  b: Buffer,
  box: { left: number; top: number; width: number; height: number },
  inside: boolean,
) {
  const [x, y] = await Promise.all([a, b].map((img) => sharp(img).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  const { width, height, channels } = x!.info;
  let sum = 0;
  let count = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const within = col >= box.left && col < box.left + box.width && row >= box.top && row < box.top + box.height;
      if (within !== inside) continue;
      for (let c = 0; c < channels; c++) {
        const at = (row * width + col) * channels + c;
        sum += Math.abs(x!.data[at]! - y!.data[at]!);
        count++;
      }
    }
  }
  return sum / count;
}

describe("subjects of a still", () => {
  it(`draws a named subject for at least 80% of the ${SUBJECT_CORPUS.length} corpus sentences`, () => {
    assert.ok(SUBJECT_CORPUS.length >= 60);
    const categories = new Set(SUBJECT_CORPUS.map((s) => s.category));
    assert.deepEqual([...categories].sort(), ["animals", "objects", "people", "places", "vehicles", "weather"]);
    const { results, share } = measureCorpus();
    const misses = results.filter((r) => !r.hit).map((r) => `${r.scene.sentence} -> ${r.drawn.join(", ") || "nothing"}`);
    console.log(`subject corpus: ${(share * 100).toFixed(1)}% drawn (${results.length - misses.length}/${results.length})`);
    for (const miss of misses) console.log(`  missed: ${miss}`);
    assert.ok(share >= 0.8, `only ${(share * 100).toFixed(1)}% drawn:\n${misses.join("\n")}`);
  });

  it("maps every synonym to a drawing the set (or Storyreel) has", () => {
    for (const [word, icon] of Object.entries(SYNONYMS)) {
      // The shelves are the room's bookcases (books from the set); the other custom drawings have a body.
      const drawable =
        icon === CUSTOM.shelves || (icon.startsWith("custom:") ? customBody(icon) : hasIcon(icon) && iconBody(icon));
      assert.ok(drawable, `${word} -> ${icon}`);
    }
  });

  it("puts the sentence's grammatical subject in front and places behind", () => {
    const cat = findSubjects("A cat walks between the shelves, medium shot, cinematic lighting");
    assert.equal(cat.subject?.icon, "cat");
    assert.deepEqual(
      cat.setting.map((s) => s.icon),
      ["custom:shelves"],
    );
    const dog = findSubjects("Between the houses, a dog sleeps");
    assert.equal(dog.subject?.icon, "dog");
    assert.deepEqual(
      dog.setting.map((s) => [s.icon, s.plural]),
      [["house", true]],
    );
    assert.equal(findSubjects("A woman climbs the stairs").subject?.icon, "woman-climbing");
    assert.equal(findSubjects("A man walks home", { motion: "pan-right" }).subject?.icon, "man-walking-facing-right");
    assert.equal(findSubjects("An eagle soars over the lake").subject?.kind, "sky");
  });

  it("leaves to the backdrop what it paints already, and keeps a place that is the sentence's subject in front", () => {
    const owl = planLocalStill(input("An owl watches from a pine tree in the forest"));
    assert.equal(owl.theme.motif, "trees");
    assert.deepEqual(owl.subjects.paintedByBackdrop, ["evergreen-tree"]);
    assert.ok(!owl.plan.placements.some((p) => p.icon === "evergreen-tree"), "no pine drawn over the painted pines");
    const castle = findSubjects("A castle rises above the clouds");
    assert.equal(castle.subject?.icon, "castle");
    assert.deepEqual(
      castle.sky.map((s) => s.icon),
      ["cloud"],
    );
  });

  it("ignores the framing and style words the scene writer appends, and words that are not things", () => {
    const none = findSubjects("Quiet at last, wide establishing shot, film noir, high-contrast black and white, deep shadows");
    assert.deepEqual([none.subject, none.companions, none.setting, none.sky, none.paintedByBackdrop], [null, [], [], [], []]);
    // "walks" is a verb here, not the keyword of the walking figure.
    assert.equal(findSubjects("The fox walks on").companions.length, 0);
  });

  it("borrows the story's place only for a scene that names no world of its own", () => {
    const story = "An old library at midnight. A ship sails away.";
    assert.ok(planLocalStill(input("Dust floats in moonlight", { storyPrompt: story })).plan.interior);
    assert.ok(planLocalStill(input("Dawn reaches the windows", { storyPrompt: story })).plan.interior);
    assert.equal(planLocalStill(input("A ship on the open sea", { storyPrompt: story })).plan.interior, null);
  });

  it("leaves room ahead of a pan, centres a push in, and turns the figure the way the camera moves", () => {
    const width = 1280;
    const centre = (p: Placement) => (p.x + p.size / 2) / width;
    const right = subjectOf("A cat on the rug", { motion: "pan-right" });
    const left = subjectOf("A cat on the rug", { motion: "pan-left" });
    const push = subjectOf("A cat on the rug", { motion: "zoom-in" });
    assert.ok(centre(right) < 0.4 && right.flip, "pan right: the cat stands left, facing right");
    assert.ok(centre(left) > 0.6 && !left.flip, "pan left: the cat stands right, facing left");
    assert.ok(Math.abs(centre(push) - 0.5) < 0.01);
    const setting = planLocalStill(input("A cat in front of the castle", { motion: "pan-right" })).plan.placements.find(
      (p) => p.role === "setting",
    );
    assert.ok(setting && centre(setting) > 0.5 && setting.y + setting.size < right.y + right.size, "setting behind, across");
  });

  it("draws the subject where it was placed: the pixels there differ from the backdrop alone, the rest does not", async () => {
    const still = input("A cat sits in the meadow", { motion: "zoom-in" });
    const [withCat, again, backdrop] = await Promise.all([
      drawLocalStill(still),
      drawLocalStill(still),
      drawLocalStill(still, { subjects: false }),
    ]);
    assert.ok(withCat.equals(again), "same prompt and seed, same bytes");
    const cat = subjectOf(still.imagePrompt, still);
    // The middle of the cat's box, and everything clear of it and of its shadow.
    const core = {
      left: Math.round(cat.x + cat.size * 0.3),
      top: Math.round(cat.y + cat.size * 0.3),
      width: Math.round(cat.size * 0.4),
      height: Math.round(cat.size * 0.4),
    };
    const around = { left: Math.round(cat.x - 20), top: Math.round(cat.y - 20), width: Math.round(cat.size + 40), height: 2000 };
    const inside = await difference(withCat, backdrop, core, true);
    const outside = await difference(withCat, backdrop, around, false);
    assert.ok(inside > 25, `the cat's box barely changed (${inside.toFixed(1)})`);
    assert.ok(outside < 1.5, `the frame outside the cat changed (${outside.toFixed(1)})`);
  });

  it("draws one sentence of each kind visibly over its backdrop, in portrait too", async () => {
    const samples = ["animals", "objects", "people", "places", "vehicles", "weather"].map(
      (category) => SUBJECT_CORPUS.find((s) => s.category === category)!.sentence,
    );
    for (const [n, sentence] of samples.entries()) {
      const still = input(sentence, { aspectRatio: n % 2 ? "9:16" : "16:9" });
      const [drawn, backdrop] = await Promise.all([drawLocalStill(still), drawLocalStill(still, { subjects: false })]);
      const { plan } = planLocalStill(still);
      const main = plan.placements.find((p) => p.role === "subject") ?? plan.placements[0]!;
      const box = {
        left: Math.round(main.x),
        top: Math.round(main.y),
        width: Math.round(main.size),
        height: Math.round(main.size),
      };
      const changed = await difference(drawn, backdrop, box, true);
      assert.ok(changed > 8, `"${sentence}" drew nothing visible where it planned ${main.icon} (${changed.toFixed(2)})`);
    }
  });

  it("draws the library at midnight as a moonlit room with the cat in front", async () => {
    const story =
      "An old library at midnight. Dust floats in moonlight. A cat walks between the shelves. Dawn reaches the windows.";
    const { theme, plan } = planLocalStill(
      input("A cat walks between the shelves, medium shot", { storyPrompt: story, motion: "pan-right" }),
    );
    assert.equal(theme.name, "night");
    assert.ok(plan.interior && plan.placements.some((p) => p.icon === "books"));
    assert.equal(plan.placements.at(-1)?.icon, "cat", "the cat is drawn last, in front");
  });
});
