import { sceneDraftsSchema, type SceneDraft } from "@/lib/jobs/schemas";
import { MOTIONS, type Motion } from "@/lib/vocabulary";

// What an LLM writes when asked for scenes is rarely exactly what was asked. These readers accept what a
// person reading the answer would accept; anything else is a problem the writer is asked to repair.

const KEYS: Record<keyof SceneDraft, string[]> = {
  caption: ["caption", "narration", "text", "subtitle", "line", "title"],
  imagePrompt: ["imagePrompt", "image_prompt", "imageprompt", "visual", "image", "prompt", "description"],
  motion: ["motion", "camera", "camera_motion", "cameraMotion", "movement", "camera_move"],
  durationSec: ["durationSec", "duration_sec", "duration", "seconds", "length", "durationSeconds"],
};

/** The first JSON value in the answer (LLMs wrap it in prose or code fences), whether a list or an object. */
export function parseSceneJson(text: string): unknown {
  const starts = [text.indexOf("["), text.indexOf("{")].filter((i) => i >= 0);
  if (starts.length === 0) throw new Error("no JSON in the answer");
  const start = Math.min(...starts);
  const end = text.lastIndexOf(text[start] === "[" ? "]" : "}");
  if (end <= start) throw new Error("the JSON in the answer is cut off");
  return JSON.parse(text.slice(start, end + 1));
}

/** `[...]`, or the one list inside `{ "scenes": [...] }` and the like. */
function sceneList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    const lists = Object.values(value).filter(Array.isArray);
    if (lists.length === 1) return lists[0]!;
  }
  return null;
}

/** "zoom in", "Zoom_In", "pan to the left" -> a motion we have; anything else (a dolly, a crane) -> a gentle zoom. */
export function readMotion(value: unknown): Motion {
  const words = String(value ?? "")
    .toLowerCase()
    .replace(/[_\s]+/g, "-");
  const direct = MOTIONS.find((m) => m === words);
  if (direct) return direct;
  const loose = MOTIONS.find((m) => m.split("-").every((part) => words.includes(part)));
  return loose ?? "zoom-in";
}

/** 4, "4", "4s", "4.5 seconds" -> a number; anything else is left for the schema to refuse. */
export function readSeconds(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?)?\s*$/i.exec(value);
  return match ? Number(match[1]) : value;
}

function pick(item: Record<string, unknown>, keys: string[]): unknown {
  const lower = new Map(Object.entries(item).map(([k, v]) => [k.toLowerCase(), v]));
  for (const key of keys) if (lower.has(key.toLowerCase())) return lower.get(key.toLowerCase());
  return undefined;
}

/** The scenes in an answer, read as leniently as a person would; else why not, in words the writer is shown. */
export function readSceneAnswer(answer: string, count: number): { scenes: SceneDraft[] } | { problem: string } {
  let list: unknown[] | null;
  try {
    list = sceneList(parseSceneJson(answer));
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (!list) return { problem: "the answer is not a list of scenes" };
  const drafts = list.slice(0, count).map((item) => {
    if (!item || typeof item !== "object") return item;
    const fields = item as Record<string, unknown>;
    return {
      caption: pick(fields, KEYS.caption),
      imagePrompt: pick(fields, KEYS.imagePrompt),
      motion: readMotion(pick(fields, KEYS.motion)),
      durationSec: readSeconds(pick(fields, KEYS.durationSec)),
    };
  });
  const parsed = sceneDraftsSchema(count).safeParse(drafts);
  if (parsed.success) return { scenes: parsed.data };
  const first = parsed.error.issues[0];
  return { problem: `${first?.path.length ? `at ${first.path.join(".")}: ` : ""}${first?.message ?? "unusable"}` };
}
