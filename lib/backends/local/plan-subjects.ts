import type { FoundNoun, SceneSubjects } from "@/lib/subjects/find-subjects";
import { CUSTOM } from "@/lib/subjects/subject-words";
import type { Motion } from "@/lib/vocabulary";
import type { Random } from "./svg-helpers";

export type Role = "subject" | "companion" | "setting" | "sky";

/** One drawing in the frame: its icon in a size x size box with its top-left corner at x, y. */
export interface Placement {
  icon: string;
  role: Role;
  word: string;
  x: number;
  y: number;
  size: number;
  /** mirrored, so a figure faces the way the camera moves (the set's figures face left) */
  flip: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A room around the scene (a library's bookcases): the backdrop shows through its window. */
export interface Interior {
  window: Box;
  cases: Box[];
  shelfYs: number[];
  floorY: number;
}

export interface SubjectPlan {
  placements: Placement[];
  interior: Interior | null;
}

// Where the subject stands across the frame: a pan leaves room ahead of the move, a push in or pull out centres.
const ANCHOR: Record<Motion, number> = {
  "pan-right": 0.32,
  "pan-left": 0.68,
  "zoom-in": 0.5,
  "zoom-out": 0.5,
  "pan-up": 0.5,
  "pan-down": 0.5,
};

const facesRightAlready = (icon: string) => icon.endsWith("-facing-right") || icon.startsWith("custom:");

function interiorFor(w: number, h: number): Interior {
  const caseWidth = w * (w >= h ? 0.25 : 0.2);
  const top = h * 0.05;
  const floorY = h * 0.86;
  const cases = [
    { x: w * 0.02, y: top, width: caseWidth, height: floorY - top },
    { x: w * 0.98 - caseWidth, y: top, width: caseWidth, height: floorY - top },
  ];
  const rows = w >= h ? 4 : 6;
  const shelfYs = Array.from({ length: rows }, (_, i) => top + ((i + 1) * (floorY - top)) / rows);
  const left = w * 0.02 + caseWidth + w * 0.06;
  return { window: { x: left, y: h * 0.1, width: w - 2 * left, height: h * (w >= h ? 0.52 : 0.38) }, cases, shelfYs, floorY };
}

/** Books standing on each shelf of each bookcase, a little uneven. */
function shelvedBooks(interior: Interior, random: Random): Placement[] {
  const books: Placement[] = [];
  const rowHeight = interior.shelfYs[1]! - interior.shelfYs[0]!;
  const size = rowHeight * 0.92;
  for (const c of interior.cases) {
    for (const shelf of interior.shelfYs) {
      const count = Math.max(1, Math.floor(c.width / (size * 0.78)));
      const step = (c.width - size) / Math.max(1, count - 1);
      for (let i = 0; i < count; i++) {
        const x = c.x + (count === 1 ? (c.width - size) / 2 : i * step);
        books.push({ icon: "books", role: "setting", word: "shelves", x, y: shelf - size + 1, size, flip: random() < 0.5 });
      }
    }
  }
  return books;
}

/**
 * Where each drawing goes: the subject in front (large, on the ground line, or high when it flies), a companion
 * beside it, the setting behind toward the horizon on the other side, sky things high up.
 */
export function planSubjects(
  subjects: SceneSubjects,
  frame: { width: number; height: number; motion?: Motion; random: Random },
): SubjectPlan {
  const { width: w, height: h, motion, random } = frame;
  const short = Math.min(w, h);
  const interior = subjects.setting.some((s) => s.icon === CUSTOM.shelves) ? interiorFor(w, h) : null;
  const anchor = motion ? ANCHOR[motion] : 0.38 + random() * 0.24;
  const placements: Placement[] = interior ? shelvedBooks(interior, random) : [];
  const face = (icon: string, centreX: number) =>
    !facesRightAlready(icon) && (motion === "pan-right" || (motion !== "pan-left" && centreX < w * 0.5));

  // The room has its own window; the shelves are its bookcases.
  const setting = subjects.setting.filter((s) => s.icon !== CUSTOM.shelves && !(interior && s.icon === "window"));
  setting.forEach((noun, n) => placements.push(...placeSetting(noun, n, anchor, w, h, random)));

  for (const noun of subjects.sky) {
    const size = short * 0.2;
    const x = w * (0.12 + random() * 0.62);
    placements.push({
      icon: noun.icon,
      role: "sky",
      word: noun.word,
      x,
      y: h * (0.06 + random() * 0.12),
      size,
      flip: face(noun.icon, x),
    });
  }

  const subject = subjects.subject;
  if (!subject) return { placements, interior };
  const scale = interior ? 0.8 : motion === "zoom-out" ? 0.85 : 1;
  const size =
    (subject.kind === "sky"
      ? short * 0.36
      : subject.kind === "place"
        ? Math.min(h * 0.62, w * 0.7)
        : Math.min(h * 0.5, w * 0.62)) * scale;
  const centre = w * anchor;
  const bottom =
    subject.kind === "sky" ? h * 0.12 + size : subject.kind === "place" ? h * 0.88 : h * (motion === "pan-up" ? 0.98 : 0.96);
  const front = {
    icon: subject.icon,
    role: "subject" as const,
    word: subject.word,
    size,
    y: bottom - size,
    flip: face(subject.icon, centre),
  };
  // Toward the room the frame leaves: ahead of a pan, else toward the middle.
  const ahead = motion === "pan-left" || (motion !== "pan-right" && anchor > 0.5) ? -1 : 1;
  const companion = subjects.companions[0];
  if (companion) {
    const small = size * 0.55;
    const x = centre + ahead * size * 0.55 - small / 2;
    placements.push({
      icon: companion.icon,
      role: "companion",
      word: companion.word,
      x,
      y: bottom - small,
      size: small,
      flip: face(companion.icon, centre),
    });
  }
  // Two of them: a second, a little smaller, just behind the first.
  if (subject.plural && subject.kind !== "place")
    placements.push({ ...front, x: centre - ahead * size * 0.5 - size * 0.42, y: bottom - size * 0.84, size: size * 0.84 });
  placements.push({ ...front, x: centre - size / 2 });
  return { placements, interior };
}

function placeSetting(noun: FoundNoun, n: number, anchor: number, w: number, h: number, random: Random): Placement[] {
  const horizon = h * (n === 0 ? 0.78 : 0.74);
  // Behind and to the other side of the subject, so both read.
  const side = anchor < 0.45 ? 0.72 : anchor > 0.55 ? 0.28 : random() < 0.5 ? 0.26 : 0.74;
  if (!noun.plural) {
    const size = Math.min(h * 0.46, w * 0.52) * (n === 0 ? 1 : 0.7);
    const centre = w * (n === 0 ? side : 1 - side);
    return [{ icon: noun.icon, role: "setting", word: noun.word, x: centre - size / 2, y: horizon - size, size, flip: false }];
  }
  const count = w >= h ? 4 : 3;
  const size = Math.min(h * 0.3, (w / count) * 0.95) * (n === 0 ? 1 : 0.75);
  return Array.from({ length: count }, (_, i) => {
    const centre = (w * (i + 0.5)) / count + (random() - 0.5) * size * 0.3;
    const s = size * (0.85 + random() * 0.3);
    return {
      icon: noun.icon,
      role: "setting" as const,
      word: noun.word,
      x: centre - s / 2,
      y: horizon - s,
      size: s,
      flip: false,
    };
  });
}

/** Every icon the plan draws, the room's bookcases and window included: what the frame shows. */
export const plannedIcons = (plan: SubjectPlan): string[] => [
  ...new Set([...plan.placements.map((p) => p.icon), ...(plan.interior ? [CUSTOM.shelves, "window"] : [])]),
];
