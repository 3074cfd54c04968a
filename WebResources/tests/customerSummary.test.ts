import { describe, expect, it } from "vitest";
import { XrmMockGenerator } from "xrm-mock";
import { readValues } from "../src/form/customerSummary";
import { ChurnRiskBand, Columns, LoyaltyLevel, Tier } from "../src/shared/schema";

describe("the customer summary's values", () => {
  it("take each choice's label from the form, in the user's language", () => {
    XrmMockGenerator.initialise();
    XrmMockGenerator.Attribute.createOptionSet(Columns.tier, Tier.Platinum, [{ text: "Platin", value: Tier.Platinum }, { text: "Gold", value: Tier.Gold }]);
    XrmMockGenerator.Attribute.createOptionSet(Columns.churnriskband, ChurnRiskBand.High, [{ text: "Hoch", value: ChurnRiskBand.High }]);
    XrmMockGenerator.Attribute.createOptionSet(Columns.loyaltylevel, null as unknown as number, [{ text: "Vertrauen", value: LoyaltyLevel.Trust }]);
    const values = readValues(XrmMockGenerator.getFormContext());
    expect([values.tier, values.tierLabel, values.churnBand, values.churnBandLabel, values.loyaltyLabel])
      .toEqual([Tier.Platinum, "Platin", ChurnRiskBand.High, "Hoch", null]);
  });
});
