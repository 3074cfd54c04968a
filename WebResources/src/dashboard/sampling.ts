/** Dots the matrix draws at most: past this an SVG of thousands of focusable dots stops being quick to draw and to read. */
export const DrawBound = 1500;

/**
 * Above the bound, an even sample across each tier's value range: every tier keeps its share of the dots (at least
 * one), and within a tier the dots are spread from its lowest to its highest current value, so the extremes stay on
 * the chart. Deterministic, so the same data draws the same dots. Counts on the page always use every customer.
 */
export function sampleByTier<T>(items: T[], bound: number, tierOf: (item: T) => string, valueOf: (item: T) => number): T[] {
  if (items.length <= bound) return items;
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = tierOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const drawn: T[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => valueOf(a) - valueOf(b));
    const quota = Math.max(1, Math.floor((sorted.length * bound) / items.length));
    if (quota === 1) {
      drawn.push(sorted[sorted.length - 1]);
      continue;
    }
    for (let i = 0; i < quota; i++) drawn.push(sorted[Math.round((i * (sorted.length - 1)) / (quota - 1))]);
  }
  return drawn;
}
