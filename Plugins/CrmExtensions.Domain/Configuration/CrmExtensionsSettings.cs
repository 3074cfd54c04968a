using System.Collections.Generic;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>Every threshold, window, rate and cadence the rules use: one JSON document, defaults shipped in default-settings.json.</summary>
    public sealed class CrmExtensionsSettings
    {
        public AnalysisSettings Analysis { get; set; }
        public RfmSettings Rfm { get; set; }
        public ClpSettings Clp { get; set; }
        public ValueMatrixSettings ValueMatrix { get; set; }
        public LifecycleSettings Lifecycle { get; set; }
        public LoyaltySettings Loyalty { get; set; }
        public ChurnSettings Churn { get; set; }
        public RetentionSettings Retention { get; set; }
        public CoverageSettings Coverage { get; set; }
        public CompetitionSettings Competition { get; set; }
        public RelationshipTypeSettings RelationshipType { get; set; }
        public LossSettings Loss { get; set; }
        public HierarchySettings Hierarchy { get; set; }
        public HistorySettings History { get; set; }
        public PurchaseSettings Purchases { get; set; }
        public ComplaintSettings Complaints { get; set; }

        /// <summary>The purchase model used until the first calibration (a neutral prior, not fitted to any one business).</summary>
        public PurchaseModelParameters PurchaseModel { get; set; }

        /// <summary>What the last calibration learnt from the org's own customers; null until one has run.</summary>
        public CalibrationSettings Calibration { get; set; }

        /// <summary>These settings with another calibration (every other section shared, none forgotten).</summary>
        public CrmExtensionsSettings WithCalibration(CalibrationSettings calibration)
        {
            var copy = (CrmExtensionsSettings)MemberwiseClone();
            copy.Calibration = calibration;
            return copy;
        }
    }

    public sealed class AnalysisSettings
    {
        /// <summary>Length of one analysis period (trend buckets) in months.</summary>
        public int PeriodMonths { get; set; }

        /// <summary>Periods that make up the current-value window (e.g. 4 quarters = 12 months).</summary>
        public int WindowPeriods { get; set; }

        /// <summary>Periods kept for trend and baseline (must be at least WindowPeriods).</summary>
        public int HistoryPeriods { get; set; }

        /// <summary>Dates later than evaluation time plus this many days are rejected as future-dated.</summary>
        public int FutureToleranceDays { get; set; }
    }

    public sealed class RfmSettings
    {
        /// <summary>Ascending day limits: recency ≤ [0] scores 5, ≤ [1] scores 4, ≤ [2] 3, ≤ [3] 2, older 1.</summary>
        public int[] RecencyDays { get; set; }

        /// <summary>Ascending minimum purchase counts for scores 2, 3, 4, 5.</summary>
        public int[] Frequency { get; set; }

        /// <summary>Ascending minimum monetary values (base currency) for scores 2, 3, 4, 5.</summary>
        public decimal[] Monetary { get; set; }
    }

    public sealed class ClpSettings
    {
        /// <summary>Discount rate d per year in CLP = Σ P(t)/(1+d)^t.</summary>
        public decimal DiscountRate { get; set; }

        /// <summary>Expected remaining relationship length in years.</summary>
        public int HorizonYears { get; set; }

        /// <summary>Margin used for lines that carry no cost or margin.</summary>
        public decimal DefaultMarginRate { get; set; }

        /// <summary>Number of product families in the catalogue (for cross-purchase headroom).</summary>
        public int ProductFamilyCount { get; set; }

        /// <summary>Chance a customer buys into one more family within a year.</summary>
        public decimal CrossSellProbability { get; set; }

        /// <summary>Profit credited per referred customer per year.</summary>
        public decimal ReferralValue { get; set; }

        /// <summary>Years over which growth potential ramps in.</summary>
        public int PotentialRampYears { get; set; }
    }

    /// <summary>How the value matrix draws the line between high and low.</summary>
    public enum ThresholdMode
    {
        /// <summary>High means among the top share of the org's own active customers (thresholds from the last calibration).</summary>
        Percentile = 1,

        /// <summary>High means at or above the configured amounts.</summary>
        Absolute = 2,
    }

    public sealed class ValueMatrixSettings
    {
        public ThresholdMode Thresholds { get; set; }

        /// <summary>Percentile mode: share of active customers whose current value counts as high (0.2 = top 20 %).</summary>
        public decimal CurrentValueTopShare { get; set; }

        /// <summary>Percentile mode: share of active customers whose growth potential counts as high.</summary>
        public decimal GrowthPotentialTopShare { get; set; }

        /// <summary>Absolute mode, and percentile mode before the first calibration: current value (profit per year, base currency) at or above which a customer is "high".</summary>
        public decimal CurrentValueThreshold { get; set; }

        /// <summary>Absolute mode, and percentile mode before the first calibration: growth potential (incremental profit per year) at or above which a customer is "high".</summary>
        public decimal GrowthPotentialThreshold { get; set; }

        /// <summary>Relative band around each threshold a value must cross to change side (0.1 = ±10%).</summary>
        public decimal HysteresisBand { get; set; }

        public Dictionary<ValueTier, TierPolicy> Policies { get; set; }
    }

    public sealed class LifecycleSettings
    {
        /// <summary>Tenure below which a relationship is still exploring; with the next two, the active months that separate the ending patterns.</summary>
        public int ExplorationMonths { get; set; }
        public int StabilityMonths { get; set; }
        public int LongLastingMonths { get; set; }

        /// <summary>Purchases that make an established rhythm: from this many on, a steady customer is stable.</summary>
        public int StablePurchases { get; set; }

        /// <summary>Silence, in multiples of the customer's usual interval between purchases, that counts as decline.</summary>
        public decimal OverdueIntervals { get; set; }

        /// <summary>Relative change of recent vs the customer's own earlier value that counts as rising or falling.</summary>
        public decimal TrendTolerance { get; set; }
    }

    public sealed class LoyaltySettings
    {
        public decimal SurveyScaleMax { get; set; }
        public decimal SatisfiedThreshold { get; set; }
        public decimal TrustRepeatRate { get; set; }
        public decimal BehaviouralRepeatRate { get; set; }
        public decimal BehaviouralCrossBreadth { get; set; }
        public int EmotionalReferrals { get; set; }
        public decimal EmotionalPriceTolerance { get; set; }
        public int SustainableReferrals { get; set; }
    }

    public sealed class ChurnSettings
    {
        /// <summary>Horizon of the purchase outlook: its risk is the chance of no purchase within this many months.</summary>
        public int HorizonMonths { get; set; }

        /// <summary>Fall of purchase value against the customer's own baseline that the outlook names (the model has counted it).</summary>
        public decimal ActivityDeclineThreshold { get; set; }
        public decimal SatisfactionDropThreshold { get; set; }
        public int SatisfactionDropPoints { get; set; }
        public int OpenComplaintPoints { get; set; }
        public int RecentComplaintPoints { get; set; }
        public int ComplaintPointsCap { get; set; }
        public int RecentComplaintDays { get; set; }
        public int MediumRiskFrom { get; set; }
        public int HighRiskFrom { get; set; }
    }

    public sealed class RetentionSettings
    {
        /// <summary>Recurring actions per tier.</summary>
        public Dictionary<ValueTier, List<CadenceRule>> Cadences { get; set; }

        public int WinBackDueDays { get; set; }
        public int PlannedExitDueDays { get; set; }

        /// <summary>Team that owns key accounts' retention work (the key-account team); empty: the customer's owner.</summary>
        public string KeyAccountTeamId { get; set; }

        /// <summary>Tiers whose relationship customers are key accounts (large R customers).</summary>
        public List<ValueTier> KeyAccountTiers { get; set; }

        /// <summary>Kinds of recurring work that build a relationship: one-time and transactional customers do not get them.</summary>
        public List<RetentionActionKind> RelationshipBuilding { get; set; }

        /// <summary>Days until a first "meet the decision maker" task is due once a coverage gap appears.</summary>
        public int MeetDecisionMakerDueDays { get; set; }
    }

    /// <summary>Who we know at an account, and when it becomes a churn reason.</summary>
    public sealed class CoverageSettings
    {
        /// <summary>Tiers whose accounts must be covered at the decision layer and in finance.</summary>
        public List<ValueTier> Tiers { get; set; }

        /// <summary>Days without an activity with the decision layer after which it counts as silent (and a met decision maker is met again).</summary>
        public int DecisionContactDays { get; set; }

        public int MissingDecisionPoints { get; set; }
        public int MissingFinancePoints { get; set; }
        public int SilentDecisionPoints { get; set; }
    }

    public sealed class CompetitionSettings
    {
        /// <summary>Competitor signals older than this many days no longer count.</summary>
        public int RecentDays { get; set; }

        public int GainingGroundPoints { get; set; }
        public int LostOpportunityPoints { get; set; }
    }

    /// <summary>When a repeat buyer is a relationship ("R") customer rather than a transactional ("T") one.</summary>
    public sealed class RelationshipTypeSettings
    {
        public int MinRepeatPurchases { get; set; }

        /// <summary>Share of list price paid (price tolerance) from which a repeat buyer is not price-driven.</summary>
        public decimal MinPriceTolerance { get; set; }
    }

    /// <summary>When a silent customer counts as lost.</summary>
    public sealed class LossSettings
    {
        public int NoPurchaseDays { get; set; }

        /// <summary>...and silent for more than this many of its own usual intervals between purchases.</summary>
        public decimal OwnIntervals { get; set; }
    }

    /// <summary>How an account hierarchy rolls up into its parent.</summary>
    public sealed class HierarchySettings
    {
        public GroupValueRollup Value { get; set; }
        public GroupChurnRollup Churn { get; set; }

        /// <summary>Levels below a parent that are rolled up; deeper ones are named, not counted.</summary>
        public int MaxDepth { get; set; }
    }

    /// <summary>The score history (tier, churn band, stage, loyalty changes with their reasons and trigger).</summary>
    public sealed class CadenceRule
    {
        public RetentionActionKind Kind { get; set; }
        public int EveryDays { get; set; }
    }
}
