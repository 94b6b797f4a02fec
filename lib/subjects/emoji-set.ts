import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// The icon set and its keywords are files in npm packages, read from disk once, on the first drawing that needs
// them (not bundled: the icon set alone is 9 MB of JSON). Standalone builds carry them (lib/deploy/standalone-layout).
const require = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
const readJson = <T>(spec: string): T => JSON.parse(fs.readFileSync(require.resolve(spec), "utf8")) as T;

export const ICON_SET = {
  name: "Fluent Emoji Flat",
  author: "Microsoft Corporation",
  licence: "MIT",
  package: "@iconify-json/fluent-emoji-flat",
} as const;

/** Categories of the set whose drawings are things a scene can show; faces, symbols and flags are left out. */
const DRAWABLE_CATEGORIES = ["Animals & Nature", "Food & Drink", "Objects", "Travel & Places", "Activities", "People & Body"];
// Skin-tone variants: the set's default (neutral yellow) figure is enough to show a person.
// Filed under faces and symbols, yet things a scene can show.
const EXTRA_NAMES = ["robot", "ghost", "alien", "alien-monster", "skull", "wind-face", "snowflake", "high-voltage"];
const TONE_VARIANT = /-(light|dark|medium|medium-light|medium-dark)$/;

export interface EmojiEntry {
  name: string;
  category: string;
  /** emojilib's keywords, the first being the emoji's own name in snake case */
  keywords: string[];
}

interface IconifyJson {
  icons: Record<string, { body: string; width?: number; height?: number }>;
  width?: number;
  height?: number;
}

let names: Map<string, string> | null = null;
let entries: EmojiEntry[] | null = null;
let bodies: Map<string, string> | null = null;

const codepoints = (char: string) =>
  Array.from(char)
    .map((c) => c.codePointAt(0)!)
    .filter((cp) => cp !== 0xfe0f)
    .map((cp) => cp.toString(16))
    .join("-");

/** The set's drawable icons by name, with their category. */
function drawableNames(): Map<string, string> {
  if (names) return names;
  const { categories } = readJson<{ categories: Record<string, string[]> }>(`${ICON_SET.package}/metadata.json`);
  names = new Map();
  for (const category of DRAWABLE_CATEGORIES)
    for (const name of categories[category] ?? []) if (!TONE_VARIANT.test(name)) names.set(name, category);
  for (const name of EXTRA_NAMES) if (!names.has(name)) names.set(name, "extra");
  return names;
}

/** Every drawable emoji of the set with its keywords: emojilib's chars matched to the set's names by code point. */
export function drawableEmoji(): EmojiEntry[] {
  if (entries) return entries;
  const chars = readJson<Record<string, string>>(`${ICON_SET.package}/chars.json`);
  const keywords = readJson<Record<string, string[]>>("emojilib/dist/emoji-en-US.json");
  const drawable = drawableNames();
  entries = [];
  for (const [char, words] of Object.entries(keywords)) {
    const name = chars[codepoints(char)];
    const category = name ? drawable.get(name) : undefined;
    if (name && category) entries.push({ name, category, keywords: words });
  }
  return entries;
}

/** Whether the set has a drawable icon by this name (reads the names, not the drawings). */
export const hasIcon = (name: string): boolean => drawableNames().has(name);

/**
 * The SVG body (in a 32x32 box) of a drawable icon. The set's JSON is parsed once; only the drawable icons' bodies
 * are kept (about a third of it), the rest is let go.
 */
export function iconBody(name: string): string | undefined {
  if (!bodies) {
    const set = readJson<IconifyJson>(`${ICON_SET.package}/icons.json`);
    const drawable = drawableNames();
    bodies = new Map();
    for (const [key, icon] of Object.entries(set.icons)) if (drawable.has(key)) bodies.set(key, icon.body);
  }
  return bodies.get(name);
}
