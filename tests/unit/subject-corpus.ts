// Scene sentences a person might write, each with the drawing(s) they would expect to see in the still. Shared by
// tests/unit/subjects.test.ts (the floor) and tests/bench/subjects-bench.ts (the figure).
import { planLocalStill } from "@/lib/backends/local/local-illustrator";
import { plannedIcons } from "@/lib/backends/local/plan-subjects";
import { writeLocalScenes } from "@/lib/backends/local/local-scene-writer";

export type CorpusCategory = "animals" | "objects" | "people" | "places" | "vehicles" | "weather";

export interface CorpusScene {
  category: CorpusCategory;
  sentence: string;
  /** any of these drawn counts: the subject a person would name */
  expect: string[];
}

const PEOPLE = (base: string) =>
  ["standing", "walking", "walking-facing-right", "running", "running-facing-right"].map((pose) => `${base}-${pose}`);

export const SUBJECT_CORPUS: CorpusScene[] = [
  // animals
  { category: "animals", sentence: "A cat walks between the shelves", expect: ["cat"] },
  { category: "animals", sentence: "A dog waits by the door", expect: ["dog"] },
  { category: "animals", sentence: "Two horses graze in the morning light", expect: ["horse"] },
  { category: "animals", sentence: "An owl watches from the old barn", expect: ["owl"] },
  { category: "animals", sentence: "A fox slips through the snowy forest", expect: ["fox"] },
  { category: "animals", sentence: "A whale breaches beside the ship", expect: ["whale"] },
  { category: "animals", sentence: "The elephant drinks at the river", expect: ["elephant"] },
  { category: "animals", sentence: "A lion rests under a tree", expect: ["lion"] },
  { category: "animals", sentence: "A rabbit hides in the tall grass", expect: ["rabbit"] },
  { category: "animals", sentence: "An eagle soars over the mountains", expect: ["eagle"] },
  { category: "animals", sentence: "Penguins huddle on the ice", expect: ["penguin"] },
  { category: "animals", sentence: "A butterfly lands on a flower", expect: ["butterfly"] },
  { category: "animals", sentence: "The kitten sleeps by the fire", expect: ["cat"] },
  { category: "animals", sentence: "A turtle swims toward the reef", expect: ["turtle"] },
  // objects
  { category: "objects", sentence: "A candle flickers on the table", expect: ["candle"] },
  { category: "objects", sentence: "An old clock ticks in the hallway", expect: ["mantelpiece-clock"] },
  { category: "objects", sentence: "A guitar leans against the wall", expect: ["guitar"] },
  { category: "objects", sentence: "A red umbrella lies open on the pavement", expect: ["umbrella-with-rain-drops", "umbrella"] },
  { category: "objects", sentence: "A kite dances above the beach", expect: ["kite"] },
  { category: "objects", sentence: "A letter waits on the doormat", expect: ["envelope"] },
  { category: "objects", sentence: "A telescope points at the stars", expect: ["telescope"] },
  { category: "objects", sentence: "A crown rests on a velvet cushion", expect: ["crown"] },
  { category: "objects", sentence: "The lantern glows in the dark", expect: ["red-paper-lantern"] },
  { category: "objects", sentence: "A teapot steams on the stove", expect: ["teapot"] },
  { category: "objects", sentence: "A balloon drifts over the rooftops", expect: ["balloon"] },
  // people
  { category: "people", sentence: "A woman walks along the shore", expect: PEOPLE("woman") },
  { category: "people", sentence: "An old man reads on a bench", expect: PEOPLE("man").concat("old-man") },
  { category: "people", sentence: "She climbs the stairs to the tower", expect: ["woman-climbing"] },
  { category: "people", sentence: "A boy runs across the field", expect: PEOPLE("man") },
  { category: "people", sentence: "The astronaut floats above the planet", expect: ["astronaut"] },
  { category: "people", sentence: "A farmer checks his crops", expect: ["farmer"] },
  { category: "people", sentence: "A firefighter carries a child from the smoke", expect: ["firefighter"] },
  { category: "people", sentence: "A detective studies the clues", expect: ["detective"] },
  { category: "people", sentence: "The king addresses the crowd", expect: ["person-with-crown"] },
  { category: "people", sentence: "A wizard raises his staff", expect: ["man-mage"] },
  { category: "people", sentence: "A girl dances in the rain", expect: ["woman-dancing"] },
  // places
  { category: "places", sentence: "An old library at midnight", expect: ["custom:shelves"] },
  { category: "places", sentence: "A lighthouse stands on the cliff", expect: ["custom:lighthouse"] },
  { category: "places", sentence: "A castle rises above the clouds", expect: ["castle"] },
  { category: "places", sentence: "A small hut in the woods", expect: ["hut"] },
  { category: "places", sentence: "The city wakes at dawn", expect: ["cityscape"] },
  { category: "places", sentence: "A church bell rings over the village", expect: ["church", "houses", "bell"] },
  { category: "places", sentence: "A tent glows at the campsite", expect: ["tent"] },
  { category: "places", sentence: "A volcano smokes on the horizon", expect: ["volcano"] },
  { category: "places", sentence: "An island appears through the fog", expect: ["desert-island"] },
  { category: "places", sentence: "A bridge spans the dark river", expect: ["bridge-at-night"] },
  // vehicles
  { category: "vehicles", sentence: "A boat drifts on the lake", expect: ["sailboat"] },
  { category: "vehicles", sentence: "A ship sails into a storm at night", expect: ["ship"] },
  { category: "vehicles", sentence: "A red car speeds down the highway", expect: ["automobile"] },
  { category: "vehicles", sentence: "A train crosses the valley", expect: ["locomotive"] },
  { category: "vehicles", sentence: "A bicycle leans against the fence", expect: ["bicycle"] },
  { category: "vehicles", sentence: "A helicopter hovers over the city", expect: ["helicopter"] },
  { category: "vehicles", sentence: "The rocket launches into space", expect: ["rocket"] },
  { category: "vehicles", sentence: "A police car races through the streets", expect: ["police-car"] },
  { category: "vehicles", sentence: "An old tractor in the field", expect: ["tractor"] },
  { category: "vehicles", sentence: "A plane flies above the clouds", expect: ["airplane"] },
  { category: "vehicles", sentence: "A bus stops in the rain", expect: ["bus"] },
  // weather
  { category: "weather", sentence: "A rainbow arcs over the farm after the rain", expect: ["rainbow"] },
  { category: "weather", sentence: "A tornado tears across the plain", expect: ["tornado"] },
  { category: "weather", sentence: "Lightning splits the sky above the hills", expect: ["cloud-with-lightning"] },
  { category: "weather", sentence: "Snowflakes fall on the quiet street", expect: ["snowflake"] },
  { category: "weather", sentence: "A snowman stands in the garden", expect: ["snowman"] },
  { category: "weather", sentence: "Dark clouds gather over the valley", expect: ["cloud"] },
  { category: "weather", sentence: "The wind howls through the empty town", expect: ["wind-face"] },
  { category: "weather", sentence: "A comet streaks across the night", expect: ["comet"] },
];

export interface CorpusResult {
  scene: CorpusScene;
  imagePrompt: string;
  drawn: string[];
  hit: boolean;
}

/**
 * Each sentence goes through the local scene writer (so its image prompt carries the framing and style phrases
 * the pipeline adds) and the still's plan; a hit is a plan that draws one of the expected icons.
 */
export function measureCorpus(corpus: CorpusScene[] = SUBJECT_CORPUS): { results: CorpusResult[]; share: number } {
  const results = corpus.map((scene) => {
    const [draft] = writeLocalScenes({ prompt: scene.sentence, sceneCount: 1, style: "cinematic", seed: 3 });
    const { imagePrompt, motion } = draft!;
    const { plan, subjects } = planLocalStill({ imagePrompt, motion, seed: 3, aspectRatio: "16:9", style: "cinematic" });
    // A noun the backdrop paints already (a city's skyline) counts as drawn: the frame shows it.
    const drawn = [...plannedIcons(plan), ...subjects.paintedByBackdrop];
    return { scene, imagePrompt, drawn, hit: scene.expect.some((icon) => drawn.includes(icon)) };
  });
  return { results, share: results.filter((r) => r.hit).length / results.length };
}
