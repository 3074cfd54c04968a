// Names and choice values the scripts use. Each is a copy of a fact defined elsewhere — the columns, choices and the
// override privilege in Solution/src, the reason length in the domain's TierOverridePolicy — and the packer's validate (Solution/CrmExtensions.Toolchain/Validation/SchemaCopies.cs) fails when one differs.
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

/** The score history table and the columns the customer summary reads from it. */
export const HistoryTable = "cx_scorechange";
export const HistoryColumns = {
  name: "cx_name",
  customer: "cx_customer",
  topReasons: "cx_topreasons",
  trigger: "cx_trigger",
  triggerDetail: "cx_triggerdetail",
  createdOn: "createdon",
} as const;

/** The recalculation job table and the definition columns "Run again" copies into a new job. */
export const JobTable = "cx_recalculationjob";
export const JobColumns = {
  name: "cx_name",
  scope: "cx_scope",
  filter: "cx_filter",
  rebuild: "cx_rebuild",
  calibrate: "cx_calibrate",
  pageSize: "cx_pagesize",
} as const;

/** cx_recalculationscope values, by the label the option set gives them. */
export const ScopeAccounts = 100000001;
export const ScopeContacts = 100000002;

/** The publisher's first option value (its option value prefix 10000 × 10,000). */
export const OptionBase = 100000000;

/** cx_tier. */
export const Tiers: Record<number, { label: string; policy: string }> = {
  100000001: { label: "Platinum", policy: "top priority: strengthen the relationship at any cost" },
  100000002: { label: "Gold", policy: "key investment: keep the relationship high" },
  100000003: { label: "Iron", policy: "moderate investment: rebuild the relationship" },
  100000004: { label: "Lead", policy: "no investment: wind the relationship down" },
};

/** cx_lifecyclestage. */
export const Stages: Record<number, string> = {
  100000001: "Exploration",
  100000002: "Formation",
  100000003: "Stability",
  100000004: "Decline",
};

/** cx_churnriskband. */
export const ChurnBands: Record<number, string> = {
  100000001: "Low",
  100000002: "Medium",
  100000003: "High",
};

/** cx_loyaltylevel. */
export const LoyaltyLevels: Record<number, string> = {
  100000000: "None",
  100000001: "Satisfaction",
  100000002: "Trust",
  100000003: "Behavioural",
  100000004: "Emotional",
  100000005: "Sustainable",
};

/** cx_churnriskband High and Medium. */
export const ChurnBandHigh = 100000003;
export const ChurnBandMedium = 100000002;

/** The privilege that allows overriding a tier (granted by the Customer Value Manager role); the server checks it too. */
export const OverridePrivilege = "prvAppendTocx_tieroverrideaudit";

export const MinReasonLength = 10;

