/** A seeded source of numbers in [0, 1) (see seeded-random.ts). */
export type Random = () => number;

/** SVG coordinates to one decimal: plenty for pixels, and keeps the markup small. */
export const f = (n: number) => n.toFixed(1);
