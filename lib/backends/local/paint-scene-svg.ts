import { paintClouds } from "./clouds";
import type { Theme } from "./themes";
import { paintWeatherFront, paintWeatherSky, type Weather } from "./weather";
import { f, type Random } from "./svg-helpers";

/** A smooth ridge line from layered sines: the horizon of mountains, hills, dunes and waves. */
function ridgePath(random: Random, w: number, h: number, base: number, amplitude: number, roughness: number): string {
  const waves = [0, 1, 2].map((i) => ({
    freq: (1 + random() * 2) * (i + 1) * roughness,
    phase: random() * Math.PI * 2,
    amp: amplitude / (i + 1.3),
  }));
  const points: string[] = [];
  for (let i = 0; i <= 48; i++) {
    const x = (i / 48) * w;
    const y = base - waves.reduce((sum, wv) => sum + Math.sin((x / w) * Math.PI * wv.freq + wv.phase) * wv.amp, 0);
    points.push(`L${f(x)},${f(y)}`);
  }
  return `M0,${h} ${points.join(" ")} L${w},${h} Z`;
}

function skyline(random: Random, w: number, h: number, base: number, color: string, lit: number): string {
  let out = "";
  for (let x = -10; x < w;) {
    const bw = w * (0.04 + random() * 0.07);
    const bh = h * (0.12 + random() * 0.38);
    out += `<rect x="${f(x)}" y="${f(base - bh)}" width="${f(bw)}" height="${f(bh + h)}" fill="${color}"/>`;
    for (let wy = base - bh + 8; wy < base - 8; wy += 14) {
      for (let wx = x + 6; wx < x + bw - 8; wx += 11) {
        if (random() < lit)
          out += `<rect x="${f(wx)}" y="${f(wy)}" width="5" height="7" fill="#ffd27a" opacity="${f(0.5 + random() * 0.5)}"/>`;
      }
    }
    x += bw + random() * 6;
  }
  return out;
}

function pines(random: Random, w: number, base: number, height: number, color: string, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const x = (i / count) * w + random() * (w / count);
    const th = height * (0.6 + random() * 0.6);
    const tw = th * 0.38;
    const y = base + random() * height * 0.25;
    out += `<path d="M${f(x)},${f(y - th)} L${f(x + tw / 2)},${f(y)} L${f(x - tw / 2)},${f(y)} Z" fill="${color}"/>`;
  }
  return out;
}

function flames(random: Random, w: number, h: number): string {
  let out = "";
  for (let i = 0; i < 14; i++) {
    const x = random() * w;
    const fh = h * (0.25 + random() * 0.4);
    const fw = w * (0.05 + random() * 0.06);
    out += `<path d="M${f(x - fw)},${h} Q${f(x - fw * 0.2)},${f(h - fh * 0.6)} ${f(x)},${f(h - fh)} Q${f(x + fw * 0.3)},${f(h - fh * 0.5)} ${f(x + fw)},${h} Z" fill="url(#flame)" opacity="${f(0.55 + random() * 0.4)}"/>`;
  }
  return out;
}

function planets(random: Random, w: number, h: number): string {
  const r = Math.min(w, h) * (0.12 + random() * 0.08);
  const cx = w * (0.6 + random() * 0.25);
  const cy = h * (0.55 + random() * 0.15);
  const small = r * 0.3;
  return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" fill="url(#planet)"/>
<ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(r * 1.7)}" ry="${f(r * 0.35)}" fill="none" stroke="#e8c9ff" stroke-opacity="0.55" stroke-width="${f(r * 0.08)}" transform="rotate(-14 ${f(cx)} ${f(cy)})"/>
<circle cx="${f(w * (0.12 + random() * 0.2))}" cy="${f(h * (0.7 + random() * 0.1))}" r="${f(small)}" fill="#7a6bbf" opacity="0.85"/>`;
}

function particles(random: Random, theme: Theme, w: number, h: number): string {
  const kind = theme.particles;
  if (kind === "none") return "";
  const spec = {
    stars: { n: 140, color: "#ffffff", r: [0.6, 1.8], top: 0.65 },
    snow: { n: 160, color: "#ffffff", r: [1.2, 3.6], top: 1 },
    embers: { n: 90, color: "#ffb347", r: [1, 3], top: 1 },
    fireflies: { n: 40, color: "#fff6a8", r: [1.2, 2.6], top: 1 },
  }[kind];
  let out = "";
  for (let i = 0; i < spec.n; i++) {
    const r = spec.r[0]! + random() * (spec.r[1]! - spec.r[0]!);
    out += `<circle cx="${f(random() * w)}" cy="${f(random() * h * spec.top)}" r="${f(r)}" fill="${spec.color}" opacity="${f(0.35 + random() * 0.65)}"/>`;
  }
  return out;
}

function foam(random: Random, w: number, h: number): string {
  let out = "";
  for (let i = 0; i < 22; i++) {
    const y = h * (0.64 + random() * 0.32);
    const rx = w * (0.01 + random() * 0.03) * (y / h);
    out += `<ellipse cx="${f(random() * w)}" cy="${f(y)}" rx="${f(rx)}" ry="${f(h * 0.003)}" fill="#e8f4ff" opacity="${f(0.25 + random() * 0.3)}"/>`;
  }
  return out;
}

function landscape(random: Random, theme: Theme, w: number, h: number): string {
  const [far, mid, near] = theme.layers;
  switch (theme.motif) {
    case "skyline":
      return (
        skyline(random, w, h, h * 0.72, far, 0.08) +
        skyline(random, w, h, h * 0.86, mid, 0.18) +
        `<rect x="0" y="${f(h * 0.9)}" width="${w}" height="${f(h * 0.1)}" fill="${near}"/>`
      );
    case "trees":
      return (
        `<path d="${ridgePath(random, w, h, h * 0.62, h * 0.05, 1)}" fill="${far}" opacity="0.8"/>` +
        pines(random, w, h * 0.7, h * 0.3, far, 26) +
        pines(random, w, h * 0.84, h * 0.42, mid, 18) +
        `<path d="${ridgePath(random, w, h, h * 0.93, h * 0.02, 1)}" fill="${near}"/>` +
        pines(random, w, h * 1.02, h * 0.55, near, 9)
      );
    case "waves":
      return (
        [0.62, 0.74, 0.87]
          .map(
            (y, i) =>
              `<path d="${ridgePath(random, w, h, h * y, h * (0.012 + i * 0.012), 6 + i * 3)}" fill="${theme.layers[i]}"/>`,
          )
          .join("") + foam(random, w, h)
      );
    case "dunes":
      return [0.66, 0.78, 0.9]
        .map((y, i) => `<path d="${ridgePath(random, w, h, h * y, h * 0.06, 0.7)}" fill="${theme.layers[i]}"/>`)
        .join("");
    case "flames":
      return (
        `<path d="M${f(w * 0.2)},${h} L${f(w * 0.45)},${f(h * 0.45)} L${f(w * 0.55)},${f(h * 0.45)} L${f(w * 0.8)},${h} Z" fill="${far}"/>` +
        flames(random, w, h) +
        `<path d="${ridgePath(random, w, h, h * 0.93, h * 0.03, 2)}" fill="${near}"/>`
      );
    case "planets":
      return planets(random, w, h) + `<path d="${ridgePath(random, w, h, h * 0.9, h * 0.03, 2)}" fill="${near}"/>`;
    case "mountains":
      return (
        `<path d="${ridgePath(random, w, h, h * 0.58, h * 0.16, 1.4)}" fill="${far}"/>` +
        `<path d="${ridgePath(random, w, h, h * 0.72, h * 0.1, 1.8)}" fill="${mid}"/>` +
        `<path d="${ridgePath(random, w, h, h * 0.88, h * 0.04, 1)}" fill="${near}"/>`
      );
    case "hills":
      return [0.66, 0.77, 0.88]
        .map((y, i) => `<path d="${ridgePath(random, w, h, h * y, h * 0.05, 0.9)}" fill="${theme.layers[i]}"/>`)
        .join("");
  }
}

/**
 * Paints one storyboard frame as SVG: sky, light source, weather, layered landscape, particles, vignette. The
 * scene's drawings go in front of the landscape, under the rain when outdoors, over it when indoors.
 */
export function paintSceneSvg(
  theme: Theme,
  random: Random,
  width: number,
  height: number,
  weather: Weather | null = null,
  drawings: { outdoors?: string; indoors?: string } = {},
): string {
  const [top, middle, bottom] = theme.sky;
  // Heavy weather hides the sun or moon.
  const body = weather === "storm" || weather === "rain" ? null : theme.body;
  const bodyX = width * (0.2 + random() * 0.6);
  const sun = body
    ? `<circle cx="${f(bodyX)}" cy="${f(height * body.height)}" r="${f(Math.min(width, height) * body.size * 3)}" fill="url(#glow)"/>
<circle cx="${f(bodyX)}" cy="${f(height * body.height)}" r="${f(Math.min(width, height) * body.size)}" fill="${body.color}"/>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="0.55" stop-color="${middle}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="${body?.glow ?? "#fff"}" stop-opacity="0.55"/><stop offset="1" stop-color="${body?.glow ?? "#fff"}" stop-opacity="0"/></radialGradient>
<radialGradient id="planet" cx="0.35" cy="0.35"><stop offset="0" stop-color="#f3b8ff"/><stop offset="0.6" stop-color="#8a4fd6"/><stop offset="1" stop-color="#2b145c"/></radialGradient>
<linearGradient id="flame" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="#ff4500"/><stop offset="0.6" stop-color="#ff9f1c"/><stop offset="1" stop-color="#ffe066"/></linearGradient>
<radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/></radialGradient>
</defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
${weather ? "" : particles(random, theme, width, height)}
${sun}
${weather ? paintWeatherSky(random, weather, width, height) : theme.clouds ? paintClouds(random, width, height, { count: 4, colors: ["#ffffff"], band: [0.08, 0.25], size: [0.05, 0.05], opacity: [0.45, 0.35] }) : ""}
${landscape(random, theme, width, height)}
${drawings.outdoors ?? ""}
${weather ? paintWeatherFront(random, weather, width, height) : ""}
${drawings.indoors ?? ""}
<rect width="${width}" height="${height}" fill="url(#vignette)"/>
</svg>`;
}
