// Names and choice values the scripts use, defined once (they mirror Plugins/CrmExtensions.Plugins/Model/Schema.cs).
export const Columns = {
  tier: "cx_tier",
  tierOverride: "cx_tieroverride",
  tierOverrideReason: "cx_tieroverridereason",
  tierOverrideUntil: "cx_tieroverrideuntil",
  currentValue: "cx_currentvalue",
  growthPotential: "cx_growthpotential",
  lifecycleStage: "cx_lifecyclestage",
  churnRisk: "cx_churnrisk",
  churnRiskBand: "cx_churnriskband",
  churnReasons: "cx_churnreasons",
  loyaltyLevel: "cx_loyaltylevel",
  repeatPurchaseRate: "cx_repeatpurchaserate",
  crossPurchaseBreadth: "cx_crosspurchasebreadth",
  referralCount: "cx_referralcount",
  priceTolerance: "cx_pricetolerance",
  satisfaction: "cx_satisfaction",
  lastEvaluatedOn: "cx_lastevaluatedon",
} as const;

/** Amounts in the organisation's base currency, which the platform keeps beside each currency column. */
export const BaseAmount = (column: string): string => `${column}_base`;

export const OptionBase = 100000000;

export const Tiers: Record<number, { label: string; policy: string }> = {
  [OptionBase + 1]: { label: "Platinum", policy: "top priority: strengthen the relationship at any cost" },
  [OptionBase + 2]: { label: "Gold", policy: "key investment: keep the relationship high" },
  [OptionBase + 3]: { label: "Iron", policy: "moderate investment: rebuild the relationship" },
  [OptionBase + 4]: { label: "Lead", policy: "no investment: wind the relationship down" },
};

export const Stages: Record<number, string> = {
  [OptionBase + 1]: "Exploration",
  [OptionBase + 2]: "Formation",
  [OptionBase + 3]: "Stability",
  [OptionBase + 4]: "Decline",
};

export const ChurnBands: Record<number, string> = {
  [OptionBase + 1]: "Low",
  [OptionBase + 2]: "Medium",
  [OptionBase + 3]: "High",
};

export const LoyaltyLevels: Record<number, string> = {
  [OptionBase]: "None",
  [OptionBase + 1]: "Satisfaction",
  [OptionBase + 2]: "Trust",
  [OptionBase + 3]: "Behavioural",
  [OptionBase + 4]: "Emotional",
  [OptionBase + 5]: "Sustainable",
};

export const ChurnBandHigh = OptionBase + 3;
export const ChurnBandMedium = OptionBase + 2;

/** The privilege that allows overriding a tier (granted by the Customer Value Manager role); the server checks it too. */
export const OverridePrivilege = "prvCreatecx_tieroverrideaudit";

export const MinReasonLength = 10;

