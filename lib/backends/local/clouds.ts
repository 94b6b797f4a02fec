import { f, type Random } from "./svg-helpers";

type Range = [min: number, spread: number];

export interface CloudSpec {
  count: number;
  colors: string[];
  /** Vertical band of the cloud centres, as fractions of the height. */
  band: Range;
  /** Cloud size as a fraction of the shorter side. */
  size: Range;
  opacity: Range;
}

/** A bank of puffy clouds: three overlapping ellipses each, fair-weather white or storm grey. */
export function paintClouds(random: Random, w: number, h: number, spec: CloudSpec): string {
  let out = "";
  for (let i = 0; i < spec.count; i++) {
    const cx = random() * w;
    const cy = h * (spec.band[0] + random() * spec.band[1]);
    const s = Math.min(w, h) * (spec.size[0] + random() * spec.size[1]);
    out += `<g opacity="${f(spec.opacity[0] + random() * spec.opacity[1])}" fill="${spec.colors[i % spec.colors.length]}">
<ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(s * 2.6)}" ry="${f(s * 0.75)}"/>
<ellipse cx="${f(cx - s * 0.9)}" cy="${f(cy - s * 0.4)}" rx="${f(s * 1.1)}" ry="${f(s * 0.85)}"/>
<ellipse cx="${f(cx + s * 0.65)}" cy="${f(cy - s * 0.55)}" rx="${f(s * 1.3)}" ry="${f(s)}"/></g>`;
  }
  return out;
}
