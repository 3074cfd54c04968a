import { describe, expect, it } from "vitest";
import { DrawBound, sampleByTier } from "../src/dashboard/sampling";

interface Point { tier: string; value: number }
const points = (tier: string, count: number): Point[] => Array.from({ length: count }, (_, i) => ({ tier, value: (i * 7919) % count }));

describe("drawing thousands of customers", () => {
  it("draws everyone up to the bound", () => {
    const few = points("Gold", DrawBound);
    expect(sampleByTier(few, DrawBound, (p) => p.tier, (p) => p.value)).toBe(few);
  });

  it("above it, keeps each tier's share and its lowest and highest values, the same way every time", () => {
    const all = [...points("Platinum", 3), ...points("Gold", 4000), ...points("Iron", 1000), ...points("Lead", 15000)];
    const drawn = sampleByTier(all, DrawBound, (p) => p.tier, (p) => p.value);
    expect(drawn.length).toBeLessThanOrEqual(DrawBound + 4);
    expect(drawn.length).toBeGreaterThan(DrawBound - 4);
    const share = (tier: string, of: Point[]) => of.filter((p) => p.tier === tier).length / of.length;
    for (const tier of ["Gold", "Iron", "Lead"]) expect(Math.abs(share(tier, drawn) - share(tier, all))).toBeLessThan(0.01);
    expect(drawn.filter((p) => p.tier === "Platinum")).toHaveLength(1);
    const lead = drawn.filter((p) => p.tier === "Lead").map((p) => p.value);
    expect(Math.min(...lead)).toBe(0);
    expect(Math.max(...lead)).toBe(14999);
    expect(sampleByTier(all, DrawBound, (p) => p.tier, (p) => p.value)).toEqual(drawn);
  });
});
