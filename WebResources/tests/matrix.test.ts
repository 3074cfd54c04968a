import { describe, expect, it } from "vitest";
import type { Customer } from "../src/dashboard/data";
import { describe as describeCustomer, quadrantCounts, tierKey, tierNames } from "../src/dashboard/matrix";
import { tierColour } from "../src/shared/palette";
import { ChurnRiskBand, Tier, TierColours } from "../src/shared/schema";
import { PlainFormat, UserFormat } from "../src/shared/userFormat";

function customer(id: string, tier: number, tierLabel: string): Customer {
  return { id, name: `Customer ${id}`, tier, tierLabel, currentValue: 6000, growthPotential: 300, churnRisk: 72, churnBand: ChurnRiskBand.High,
    churnBandLabel: "Hoch", ownerId: "u1", ownerName: "Alex Wilber" };
}

describe("the value matrix's tiers", () => {
  const customers = [customer("a1", Tier.Platinum, "Platin"), customer("a2", Tier.Gold, "Gold"), customer("a3", Tier.Platinum, "Platin")];

  it("names each tier as the platform does on the customers' rows, and leaves a tier nobody holds unnamed", () => {
    expect([...tierNames(customers)]).toEqual([[Tier.Platinum, "Platin"], [Tier.Gold, "Gold"]]);
    expect(describeCustomer(customers[0], new UserFormat(PlainFormat)))
      .toBe("Customer a1, Platin: current value 6,000, growth potential 300, churn risk 72 (Hoch), owner Alex Wilber");
  });

  it("counts, colours and keys tiers by option value, so a translated or renamed label changes none of them", () => {
    const renamed = [customer("a1", Tier.Platinum, "Diamond"), customer("a2", Tier.Iron, "Eisen")];
    expect([...quadrantCounts([...customers, ...renamed])]).toEqual([[Tier.Platinum, 3], [Tier.Gold, 1], [Tier.Iron, 1], [Tier.Lead, 0]]);
    expect(tierColour(Tier.Platinum)).toBe(TierColours[Tier.Platinum]);
    expect(tierColour(Tier.Platinum)).not.toBe(tierColour(Tier.Gold));
    expect(tierColour(null)).toBe(tierColour(999));
    expect(tierColour(null)).not.toBe(tierColour(Tier.Lead));
    expect([Tier.Platinum, Tier.Lead, null].map(tierKey)).toEqual(["platinum", "lead", "unrated"]);
  });
});
