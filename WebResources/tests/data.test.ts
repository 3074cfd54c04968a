import { describe, expect, it, vi } from "vitest";
import { loadCustomers } from "../src/dashboard/data";
import { ChurnRiskBand, Tier } from "../src/shared/schema";

const formatted = "@OData.Community.Display.V1.FormattedValue";

/** A row as Xrm.WebApi hands it over, with the server's formatted values for a German user. */
function row(id: string, tier: number, tierText: string, band: number, bandText: string): Record<string, unknown> {
  return {
    accountid: id, name: `Customer ${id}`, cx_tier: tier, [`cx_tier${formatted}`]: tierText, cx_currentvalue_base: 1000, cx_growthpotential_base: 200,
    cx_churnrisk: 70, cx_churnriskband: band, [`cx_churnriskband${formatted}`]: bandText, _ownerid_value: "u1", [`_ownerid_value${formatted}`]: "Alex Wilber",
  };
}

describe("reading the value matrix's customers", () => {
  it("takes each choice's label from the server's formatted value, across every page", async () => {
    const retrieveMultipleRecords = vi.fn()
      .mockResolvedValueOnce({ entities: [row("a1", Tier.Platinum, "Platin", ChurnRiskBand.High, "Hoch")], nextLink: "https://org/api/data/v9.2/accounts?$skiptoken=1" })
      .mockResolvedValueOnce({ entities: [row("a2", Tier.Lead, "Blei", ChurnRiskBand.Low, "Niedrig")] });
    const customers = await loadCustomers({ retrieveMultipleRecords, online: { execute: vi.fn() } } as never);
    expect(customers.map((c) => [c.tier, c.tierLabel, c.churnBand, c.churnBandLabel, c.ownerName])).toEqual([
      [Tier.Platinum, "Platin", ChurnRiskBand.High, "Hoch", "Alex Wilber"],
      [Tier.Lead, "Blei", ChurnRiskBand.Low, "Niedrig", "Alex Wilber"],
    ]);
    expect(retrieveMultipleRecords.mock.calls[1][1]).toBe("?$skiptoken=1");
  });
});
