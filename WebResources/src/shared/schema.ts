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
} as const;

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

export const RetentionActions: Record<number, string> = {
  [OptionBase + 1]: "Follow-up call",
  [OptionBase + 2]: "Visit",
  [OptionBase + 3]: "Satisfaction survey",
  [OptionBase + 4]: "Loyalty offer",
  [OptionBase + 5]: "Win-back",
  [OptionBase + 6]: "Planned exit",
};

export const ChurnBandHigh = OptionBase + 3;
export const ChurnBandMedium = OptionBase + 2;

/** The privilege that allows overriding a tier (granted by the Customer Value Manager role); the server checks it too. */
export const OverridePrivilege = "prvCreatecx_tieroverrideaudit";

export const MinReasonLength = 10;

/** Defaults of valueMatrix thresholds when no cx_setting row overrides them (Plugins default-settings.json). */
export const DefaultThresholds = { currentValue: 5000, growthPotential: 2000 };
