import { customBody } from "@/lib/subjects/custom-drawings";
import { iconBody } from "@/lib/subjects/emoji-set";
import type { Interior, Placement, Role, SubjectPlan } from "./plan-subjects";
import { f } from "./svg-helpers";
import { mixHex, type Theme } from "./themes";

const luminance = (hex: string) =>
  (0.299 * parseInt(hex.slice(1, 3), 16) + 0.587 * parseInt(hex.slice(3, 5), 16) + 0.114 * parseInt(hex.slice(5, 7), 16)) / 255;

/**
 * How each role takes the scene's light: the setting fades into the far hills' colour (air between it and us),
 * the subject is shaded by the palette as much as the sky is dark, so a cat at midnight is a cat at midnight.
 */
function washFor(role: Role, theme: Theme): { color: string; opacity: number } {
  const darkness = 1 - luminance(theme.sky[1]);
  switch (role) {
    case "setting":
      return { color: theme.layers[0], opacity: 0.4 + darkness * 0.35 };
    case "sky":
      return { color: theme.sky[1], opacity: 0.2 + darkness * 0.2 };
    default:
      return { color: mixHex(theme.sky[1], theme.layers[2], 0.5), opacity: 0.05 + darkness * 0.5 };
  }
}

// Icons that draw gradients carry ids; each copy in the frame gets its own.
const scopeIds = (body: string, prefix: string) =>
  body
    .replace(/id="([^"]+)"/g, `id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);

function paintPlacement(p: Placement, n: number, theme: Theme): string {
  const body = customBody(p.icon) ?? iconBody(p.icon);
  if (!body) return "";
  const wash = washFor(p.role, theme);
  const filter = `<filter id="wash${n}" color-interpolation-filters="sRGB"><feFlood flood-color="${wash.color}" flood-opacity="${f(wash.opacity)}"/><feComposite in2="SourceAlpha" operator="in"/><feComposite in2="SourceGraphic" operator="over"/></filter>`;
  const scale = p.size / 32;
  const mirror = p.flip ? " translate(32 0) scale(-1 1)" : "";
  const shadow =
    p.role === "subject" || p.role === "companion"
      ? `<ellipse cx="${f(p.x + p.size / 2)}" cy="${f(p.y + p.size * 0.96)}" rx="${f(p.size * 0.4)}" ry="${f(p.size * 0.05)}" fill="url(#groundshadow)"/>`
      : "";
  return `${filter}${shadow}<g transform="translate(${f(p.x)} ${f(p.y)}) scale(${f(scale)})${mirror}" filter="url(#wash${n})">${scopeIds(body, `s${n}-`)}</g>`;
}

/** A library's room: wall with a window onto the backdrop, two bookcases, a floor, and the light the window lets in. */
function paintInterior(interior: Interior, theme: Theme, w: number, h: number): string {
  const { window: win, cases, shelfYs, floorY } = interior;
  const wall = mixHex(theme.layers[2], "#4a3426", 0.65);
  const wood = mixHex(theme.layers[1], "#6b4226", 0.7);
  const dark = mixHex(theme.layers[2], "#1c120b", 0.6);
  const light = theme.body?.glow ?? theme.sky[2];
  const bar = Math.max(4, w * 0.008);
  const wallPath = `M0,0H${w}V${h}H0Z M${f(win.x)},${f(win.y)}V${f(win.y + win.height)}H${f(win.x + win.width)}V${f(win.y)}Z`;
  // The window's light falls on the floor as a skewed patch.
  const beam = `M${f(win.x + win.width * 0.1)},${f(floorY)} L${f(win.x + win.width * 0.9)},${f(floorY)} L${f(win.x + win.width * 1.2)},${h} L${f(win.x - win.width * 0.2)},${h} Z`;
  const frame =
    `<rect x="${f(win.x)}" y="${f(win.y)}" width="${f(win.width)}" height="${f(win.height)}" fill="none" stroke="${dark}" stroke-width="${f(bar * 2)}"/>` +
    `<rect x="${f(win.x + win.width / 2 - bar / 2)}" y="${f(win.y)}" width="${f(bar)}" height="${f(win.height)}" fill="${dark}"/>` +
    `<rect x="${f(win.x)}" y="${f(win.y + win.height * 0.45)}" width="${f(win.width)}" height="${f(bar)}" fill="${dark}"/>`;
  const bookcases = cases
    .map(
      (c) =>
        `<rect x="${f(c.x)}" y="${f(c.y)}" width="${f(c.width)}" height="${f(c.height)}" fill="${dark}"/>` +
        `<rect x="${f(c.x)}" y="${f(c.y)}" width="${f(c.width)}" height="${f(bar * 2)}" fill="${wood}"/>` +
        shelfYs
          .map((y) => `<rect x="${f(c.x)}" y="${f(y)}" width="${f(c.width)}" height="${f(bar * 1.6)}" fill="${wood}"/>`)
          .join("") +
        `<rect x="${f(c.x)}" y="${f(c.y)}" width="${f(bar * 1.5)}" height="${f(c.height)}" fill="${wood}"/>` +
        `<rect x="${f(c.x + c.width - bar * 1.5)}" y="${f(c.y)}" width="${f(bar * 1.5)}" height="${f(c.height)}" fill="${wood}"/>`,
    )
    .join("");
  return (
    `<path d="${wallPath}" fill="${wall}" fill-rule="evenodd"/>` +
    `<rect x="0" y="${f(floorY)}" width="${w}" height="${f(h - floorY)}" fill="${dark}"/>` +
    `<path d="${beam}" fill="${light}" opacity="0.12"/>` +
    frame +
    bookcases
  );
}

/** The plan drawn as SVG over the backdrop: the room if any, then back to front (setting, sky, companion, subject). */
export function paintSubjectsSvg(plan: SubjectPlan, theme: Theme, width: number, height: number): string {
  if (plan.placements.length === 0 && !plan.interior) return "";
  const order: Role[] = ["setting", "sky", "companion", "subject"];
  const sorted = order.flatMap((role) => plan.placements.filter((p) => p.role === role));
  const defs = `<defs><radialGradient id="groundshadow"><stop offset="0" stop-color="#000" stop-opacity="0.45"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient></defs>`;
  return (
    defs +
    (plan.interior ? paintInterior(plan.interior, theme, width, height) : "") +
    sorted.map((p, n) => paintPlacement(p, n, theme)).join("")
  );
}
