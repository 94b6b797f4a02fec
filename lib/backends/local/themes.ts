export type Motif = "mountains" | "waves" | "skyline" | "trees" | "dunes" | "flames" | "planets" | "hills";
export type Particles = "stars" | "snow" | "embers" | "fireflies" | "none";

export interface Theme {
  name: string;
  keywords: RegExp;
  sky: [string, string, string];
  layers: [string, string, string];
  body: { color: string; glow: string; size: number; height: number } | null;
  motif: Motif;
  particles: Particles;
  clouds: boolean;
}

// First match wins, so the more specific themes come first.
export const THEMES: Theme[] = [
  {
    name: "space",
    keywords: /\b(space|star|stars|planet|planets|galaxy|cosmos|astronaut|orbit|nebula|rocket)\b/i,
    sky: ["#03030f", "#0d0b33", "#2a1657"],
    layers: ["#3b2a6b", "#2a1d50", "#150e2e"],
    body: { color: "#ffe2b8", glow: "#ff9f5a", size: 0.035, height: 0.22 },
    motif: "planets",
    particles: "stars",
    clouds: false,
  },
  {
    name: "fire",
    keywords: /\b(fire|fires|flame|flames|burn|burning|volcano|lava|ember|embers|inferno|dragon)\b/i,
    sky: ["#140300", "#4a1200", "#c2410c"],
    layers: ["#3b0d02", "#260801", "#120300"],
    body: null,
    motif: "flames",
    particles: "embers",
    clouds: false,
  },
  {
    name: "snow",
    keywords: /\b(snow|snowy|winter|ice|icy|frozen|glacier|arctic|mountain|mountains|peak|frost)\b/i,
    sky: ["#9fb8d6", "#cfdcec", "#f4f8fc"],
    layers: ["#8ea4c0", "#6f86a6", "#e9eff7"],
    body: { color: "#fffaf0", glow: "#ffffff", size: 0.07, height: 0.22 },
    motif: "mountains",
    particles: "snow",
    clouds: false,
  },
  {
    name: "sea",
    keywords: /\b(sea|ocean|wave|waves|beach|shore|coast|island|sail|sailing|boat|ship|harbor|lake|river|whale)\b/i,
    sky: ["#1f3b73", "#4f74b3", "#f6c58f"],
    layers: ["#2a6f97", "#1b4f72", "#0e3350"],
    body: { color: "#ffe3a3", glow: "#ffb35c", size: 0.09, height: 0.5 },
    motif: "waves",
    particles: "none",
    clouds: true,
  },
  {
    name: "desert",
    keywords: /\b(desert|sand|sandy|dune|dunes|sahara|camel|canyon|cactus|oasis)\b/i,
    sky: ["#f7b267", "#f79d65", "#fde4c3"],
    layers: ["#e0a96d", "#c98b4f", "#a0602f"],
    body: { color: "#fff3d6", glow: "#ffcf7a", size: 0.12, height: 0.38 },
    motif: "dunes",
    particles: "none",
    clouds: false,
  },
  {
    name: "city",
    keywords: /\b(city|cities|street|streets|urban|downtown|neon|skyscraper|skyscrapers|town|metropolis|cafe|subway|rooftop)\b/i,
    sky: ["#0f1a2e", "#29385c", "#d8644a"],
    layers: ["#1d2740", "#141b2e", "#0a0f1c"],
    body: null,
    motif: "skyline",
    particles: "none",
    clouds: false,
  },
  {
    name: "forest",
    keywords: /\b(forest|forests|tree|trees|woods|wood|jungle|pine|pines|grove|leaf|leaves|fox|deer|owl)\b/i,
    sky: ["#9dbf9e", "#d3e4c5", "#f3f1d9"],
    layers: ["#4d7360", "#2f4f3f", "#17302a"],
    body: { color: "#fffbe6", glow: "#fff2b0", size: 0.08, height: 0.3 },
    motif: "trees",
    particles: "fireflies",
    clouds: false,
  },
  {
    name: "night",
    keywords: /\b(night|nights|moon|moonlight|midnight|dark|darkness|dream|dreams|sleep|owl|lantern)\b/i,
    sky: ["#070b1f", "#151c46", "#33306b"],
    layers: ["#262a57", "#191c3d", "#0b0d22"],
    body: { color: "#f5f1dc", glow: "#c9d4ff", size: 0.08, height: 0.26 },
    motif: "mountains",
    particles: "stars",
    clouds: false,
  },
  {
    name: "dawn",
    keywords: /\b(dawn|sunrise|morning|sunset|dusk|evening|golden|spring|bloom|flowers)\b/i,
    sky: ["#5b4a8a", "#e98aa2", "#ffd1a1"],
    layers: ["#9d6b8f", "#6c4a72", "#3f2c4f"],
    body: { color: "#fff1c9", glow: "#ffb37a", size: 0.11, height: 0.55 },
    motif: "hills",
    particles: "none",
    clouds: true,
  },
];

export const DEFAULT_THEME: Theme = {
  name: "meadow",
  keywords: /$^/,
  sky: ["#3d7fd9", "#8cc3f0", "#e4f4fb"],
  layers: ["#7fae5e", "#5a8d43", "#3b6a2e"],
  body: { color: "#fffbe0", glow: "#ffe68a", size: 0.09, height: 0.25 },
  motif: "hills",
  particles: "none",
  clouds: true,
};

const TIMES_OF_DAY = new Set(["night", "dawn"]);

export function mixHex(a: string, b: string, weight: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channel(a, i) * (1 - weight) + channel(b, i) * weight)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** A place seen at a time of day: the place's landscape under the time's sky and light. */
function placeAtTime(place: Theme, time: Theme): Theme {
  return {
    ...place,
    name: `${place.name} at ${time.name}`,
    sky: time.sky,
    layers: place.layers.map((c, i) => mixHex(c, time.layers[i]!, 0.6)) as Theme["layers"],
    body: time.body,
    particles: time.particles === "none" ? place.particles : time.particles,
    clouds: time.clouds,
  };
}

/** Whether the scene's own words name a world (a sea, a city, a forest), rather than only a time of day. */
export const namesOwnPlace = (sceneText: string): boolean =>
  THEMES.some((t) => !TIMES_OF_DAY.has(t.name) && t.keywords.test(sceneText));

/**
 * The scene's own words decide first; the job's prompt breaks ties so a story keeps one world.
 * A time of day ("at night", "at dawn") relights the story's place instead of replacing it.
 */
export function chooseTheme(sceneText: string, storyText = ""): Theme {
  const places = THEMES.filter((t) => !TIMES_OF_DAY.has(t.name));
  const place = places.find((t) => t.keywords.test(sceneText)) ?? places.find((t) => t.keywords.test(storyText));
  const time = THEMES.find((t) => TIMES_OF_DAY.has(t.name) && t.keywords.test(sceneText));
  if (place && time) return placeAtTime(place, time);
  return place ?? time ?? THEMES.find((t) => t.keywords.test(storyText)) ?? DEFAULT_THEME;
}

// The icons each landscape already paints, so a forest scene gets no pine drawn over its pines.
const PAINTED_BY: Record<Motif, RegExp> = {
  skyline: /^cityscape/,
  trees: /^(evergreen-tree|deciduous-tree)$/,
  mountains: /^(mountain|snow-capped-mountain|sunrise-over-mountains)$/,
  waves: /^water-wave$/,
  dunes: /^desert$/,
  flames: /^fire$/,
  planets: /^ringed-planet$/,
  hills: /^$/,
};

/** Whether the theme's landscape already shows what this icon would (a skyline for a cityscape). */
export const paintsIcon = (theme: Theme, icon: string): boolean => PAINTED_BY[theme.motif].test(icon);
