import type { Motion } from "@/lib/vocabulary";
import { drawableEmoji, hasIcon } from "./emoji-set";
import { CUSTOM, FLYING, PERSON_POSES, PERSON_WORDS, singular, STOP_WORDS, SYNONYMS } from "./subject-words";

/** Where a drawing belongs: a place stands behind, a thing in the sky flies, the rest stands on the ground. */
export type SubjectKind = "place" | "sky" | "ground";

export interface FoundNoun {
  word: string;
  icon: string;
  kind: SubjectKind;
  plural: boolean;
}

export interface SceneSubjects {
  /** What the sentence is about, drawn in front; null when it names only places (or nothing drawable). */
  subject: FoundNoun | null;
  /** Other things in front beside the subject, at most one. */
  companions: FoundNoun[];
  /** Places behind, toward the horizon, at most two. */
  setting: FoundNoun[];
  /** Things drawn in the sky: clouds, a rainbow, a bird in flight. */
  sky: FoundNoun[];
  /** Icons named but left to the backdrop, which paints them already (a skyline for "city"). */
  paintedByBackdrop: string[];
}

const PREPOSITIONS = new Set(
  "in on at over under between through across into onto from by near beside behind above below along around inside within toward towards past among beneath upon off".split(
    " ",
  ),
);
const PLACE_ICON =
  /^custom:|house|building|castle|church|mosque|temple|synagogue|shrine|tower|stadium|factory|hospital|bank|hotel|school|office|store|tent|hut|cityscape|bridge|mountain|volcano|island|fountain|window|door|tree$/;
const SKY_ICON =
  /^(cloud|rainbow|tornado|comet|snowflake|high-voltage|wind-face|airplane|helicopter|rocket|flying-saucer|parachute|balloon|kite|ufo)/;
const FLYER_ICON = /^(bird|blackbird|eagle|owl|dove|parrot|bat|butterfly|honeybee|swan|duck|goose|flamingo|dodo|phoenix)$/;
// Parts of a room: a scene that names only these is still inside the story's place.
const FIXTURE = /^(window|door)$/;
// Keyword-only matches for words shaped like these are adjectives, verbs or adverbs far more often than things.
const NOT_A_NOUN = /(ing|ed|ly|ful|ous|ish|less|ive|al|ic)$/;

const COLLECTIVE = new Set(["people", "crowd", "crew"]);

type Ranked = { name: string; rank: number };
let index: Map<string, Ranked> | null = null;

/**
 * word -> the best icon for it: an icon named just that word first ("cat"), then one whose name ends with it
 * ("black-cat"), then one that merely lists it among its keywords; a shorter name wins a tie.
 */
function keywordIndex(): Map<string, Ranked> {
  if (index) return index;
  const built = new Map<string, Ranked>();
  const offer = (word: string, name: string, rank: number) => {
    const best = built.get(word);
    if (!best || rank < best.rank || (rank === best.rank && name.length < best.name.length)) built.set(word, { name, rank });
  };
  for (const { name, keywords } of drawableEmoji()) {
    const parts = name.split("-");
    if (parts.length === 1) offer(name, name, 0);
    const head = parts[parts.length - 1]!;
    if (parts.length > 1 && head.length > 2 && !head.endsWith("ing")) offer(head, name, 1 + parts.length);
    for (const keyword of keywords) {
      if (!/^[a-z]{3,}$/.test(keyword) || STOP_WORDS.has(keyword) || NOT_A_NOUN.test(keyword)) continue;
      offer(keyword, name, 9);
    }
  }
  index = built;
  return built;
}

const iconKind = (icon: string, sentence: string): SubjectKind =>
  PLACE_ICON.test(icon) ? "place" : SKY_ICON.test(icon) || (FLYER_ICON.test(icon) && FLYING.test(sentence)) ? "sky" : "ground";

/** A figure doing what the sentence says: man-walking, woman-climbing; facing the way the camera moves when it can. */
function personIcon(base: "man" | "woman" | "person", sentence: string, motion?: Motion): string {
  const pose = PERSON_POSES.find(([pattern]) => pattern.test(sentence))?.[1];
  const posed = pose ? `${base}-${pose}` : "";
  const name = posed && hasIcon(posed) ? posed : hasIcon(`${base}-standing`) ? `${base}-standing` : "person-standing";
  return motion === "pan-right" && hasIcon(`${name}-facing-right`) ? `${name}-facing-right` : name;
}

const drawable = (icon: string) => icon.startsWith("custom:") || hasIcon(icon);

/** One word (or two, for "police car") -> its drawing, or null when it is not a thing to draw. */
function lookUp(word: string, next: string | undefined, sentence: string, motion?: Motion): [string, boolean, number] | null {
  if (next) {
    const pair = `${word}-${singular(next)}`;
    if (hasIcon(pair)) return [pair, singular(next) !== next, 2];
  }
  const one = singular(word);
  const plural = one !== word;
  const person = PERSON_WORDS[word] ?? PERSON_WORDS[one];
  if (person) return [personIcon(person, sentence, motion), plural && word !== "people", 1];
  const synonym = SYNONYMS[word] ?? SYNONYMS[one];
  if (synonym && drawable(synonym)) return [synonym, plural || COLLECTIVE.has(word), 1];
  if (STOP_WORDS.has(word) || STOP_WORDS.has(one)) return null;
  const exact = keywordIndex().get(word);
  // A plural only counts when the singular is an icon's own name: "walks" is not the keyword "walk".
  const fromSingular = plural ? keywordIndex().get(one) : undefined;
  if (fromSingular && fromSingular.rank < 9 && (!exact || fromSingular.rank < exact.rank)) return [fromSingular.name, true, 1];
  return exact ? [exact.name, false, 1] : null;
}

/** "pine trees", "oak tree": a kind of thing named before the thing, drawn once, counted as the second word's. */
function mergeKind(first: [string, boolean, number], next: string | undefined): [string, boolean, number] {
  const noun = next ? singular(next) : "";
  return noun.length > 2 && first[0].endsWith(`-${noun}`) ? [first[0], next !== noun, 2] : first;
}

interface Mention extends FoundNoun {
  inPhrase: boolean;
}

function mentions(sentence: string, motion?: Motion): Mention[] {
  const words = sentence.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
  const found: Mention[] = [];
  let inPhrase = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (PREPOSITIONS.has(word)) {
      inPhrase = true;
      continue;
    }
    const looked = lookUp(word, words[i + 1], sentence, motion);
    if (!looked) continue;
    const match = mergeKind(looked, words[i + 1]);
    const [icon, plural, length] = match;
    if (!found.some((m) => m.icon === icon)) found.push({ word, icon, kind: iconKind(icon, sentence), plural, inPhrase });
    // A prepositional phrase ends at its noun: "between the shelves, a cat" has the cat outside it.
    inPhrase = false;
    i += length - 1;
  }
  return found;
}

const strip = ({ word, icon, kind, plural }: Mention): FoundNoun => ({ word, icon, kind, plural });

/**
 * The sentence's grammatical subject (the first drawable noun outside a prepositional phrase) is drawn in front,
 * places behind it. A sentence that names no place borrows the story's first one, so a story keeps its world.
 */
export function findSubjects(
  imagePrompt: string,
  options: { storyPrompt?: string; motion?: Motion; painted?: (icon: string) => boolean } = {},
): SceneSubjects {
  // What the backdrop already paints (a skyline for "city") is not drawn again.
  const painted = options.painted ?? (() => false);
  const all = mentions(imagePrompt, options.motion);
  const found = all.filter((m) => !painted(m.icon));
  const things = found.filter((m) => m.kind === "ground");
  const places = found.filter((m) => m.kind === "place");
  const flying = found.filter((m) => m.kind === "sky");
  // A row of places (shelves, houses) is a setting even when the sentence is about it.
  const standsAlone = (m: Mention) => m.kind !== "place" || (m.icon !== CUSTOM.shelves && !m.plural);
  const subjectMention = found.find((m) => !m.inPhrase && standsAlone(m)) ?? things[0] ?? flying[0] ?? null;
  const setting = places.filter((m) => m !== subjectMention).map(strip);
  // The caller passes the story only when the scene's words name no world of their own (a sea, a city).
  if (setting.every((m) => FIXTURE.test(m.icon)) && options.storyPrompt) {
    const storyPlace = mentions(options.storyPrompt).find(
      (m) => m.kind === "place" && m.icon !== subjectMention?.icon && !painted(m.icon),
    );
    if (storyPlace) setting.push(strip(storyPlace));
  }
  return {
    subject: subjectMention ? strip(subjectMention) : null,
    companions: things
      .filter((m) => m !== subjectMention)
      .slice(0, 1)
      .map(strip),
    setting: setting.slice(0, 2),
    sky: flying
      .filter((m) => m !== subjectMention)
      .slice(0, 2)
      .map(strip),
    paintedByBackdrop: all.filter((m) => painted(m.icon)).map((m) => m.icon),
  };
}

/** Every icon a scene's plan draws (custom drawings included), for measuring what gets drawn. */
export const drawnIcons = (s: SceneSubjects): string[] =>
  [s.subject, ...s.companions, ...s.setting, ...s.sky].filter((n): n is FoundNoun => n !== null).map((n) => n.icon);
