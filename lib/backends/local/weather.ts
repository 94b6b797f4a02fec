import { paintClouds } from "./clouds";
import { f, type Random } from "./svg-helpers";

export type Weather = "storm" | "rain" | "fog";

const WEATHER: { kind: Weather; keywords: RegExp }[] = [
  { kind: "storm", keywords: /\b(storm|storms|stormy|thunder|thunderstorm|lightning|tempest|hurricane|typhoon|gale)\b/i },
  { kind: "rain", keywords: /\b(rain|rains|rainy|raining|drizzle|downpour|shower|showers|wet|umbrella)\b/i },
  { kind: "fog", keywords: /\b(fog|foggy|mist|misty|haze|hazy|smoke)\b/i },
];

/** Weather comes only from the scene's own words: a storm in one scene should not darken the next. */
export function chooseWeather(sceneText: string): Weather | null {
  return WEATHER.find((w) => w.keywords.test(sceneText))?.kind ?? null;
}

/** Drawn over the sky, before the landscape: the light goes grey and heavy clouds roll in. */
export function paintWeatherSky(random: Random, weather: Weather, w: number, h: number): string {
  const dim = { storm: 0.68, rain: 0.45, fog: 0.2 }[weather];
  let out = `<rect width="${w}" height="${h}" fill="#1b2230" opacity="${dim}"/>`;
  if (weather === "fog") return out;
  const shade = weather === "storm" ? ["#2b3242", "#3a4254", "#4b5366"] : ["#5a6475", "#6c7688", "#7f889a"];
  out += paintClouds(random, w, h, { count: 9, colors: shade, band: [0.02, 0.28], size: [0.08, 0.08], opacity: [0.75, 0.25] });
  return out;
}

function lightning(random: Random, w: number, h: number): string {
  let x = w * (0.2 + random() * 0.6);
  let y = h * 0.12;
  const points = [`${f(x)},${f(y)}`];
  while (y < h * 0.62) {
    x += (random() - 0.5) * w * 0.06;
    y += h * (0.05 + random() * 0.06);
    points.push(`${f(x)},${f(y)}`);
  }
  const line = points.join(" ");
  return `<polyline points="${line}" fill="none" stroke="#c9d8ff" stroke-width="${f(w * 0.012)}" opacity="0.35" stroke-linejoin="round"/>
<polyline points="${line}" fill="none" stroke="#ffffff" stroke-width="${f(w * 0.003)}" stroke-linejoin="round"/>`;
}

/** Drawn over the landscape: slanted rain, a lightning bolt in a storm, a pale band for fog. */
export function paintWeatherFront(random: Random, weather: Weather, w: number, h: number): string {
  if (weather === "fog") {
    const band =
      `<linearGradient id="fogband" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#dfe5ee" stop-opacity="0"/>` +
      `<stop offset="0.5" stop-color="#dfe5ee" stop-opacity="0.5"/><stop offset="1" stop-color="#dfe5ee" stop-opacity="0"/></linearGradient>`;
    return (
      `<defs>${band}</defs>` +
      [0.42, 0.58, 0.74]
        .map((y) => `<rect x="0" y="${f(h * y)}" width="${w}" height="${f(h * 0.22)}" fill="url(#fogband)"/>`)
        .join("")
    );
  }
  const drops = weather === "storm" ? 260 : 170;
  const slant = weather === "storm" ? 0.35 : 0.15;
  // A storm darkens the land as well as the sky, then the bolt is the brightest thing in the frame.
  let out =
    weather === "storm" ? `<rect width="${w}" height="${h}" fill="#0d1320" opacity="0.3"/>` + lightning(random, w, h) : "";
  for (let i = 0; i < drops; i++) {
    const x = random() * w * 1.2 - w * 0.1;
    const y = random() * h;
    const len = h * (0.03 + random() * 0.04);
    out += `<line x1="${f(x)}" y1="${f(y)}" x2="${f(x - len * slant)}" y2="${f(y + len)}" stroke="#c8d3e6" stroke-width="1.2" opacity="${f(0.25 + random() * 0.35)}"/>`;
  }
  return out;
}
