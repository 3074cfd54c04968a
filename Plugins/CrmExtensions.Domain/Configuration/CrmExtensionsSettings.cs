using System.Collections.Generic;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>Every threshold, window, rate and cadence the rules use: one JSON document, defaults shipped in default-settings.json.</summary>
    public sealed class CrmExtensionsSettings
    {
        public AnalysisSettings Analysis { get; set; }
        public CurrencySettings Currency { get; set; }
        public RfmSettings Rfm { get; set; }
        public ClpSettings Clp { get; set; }
        public ValueMatrixSettings ValueMatrix { get; set; }
        public LifecycleSettings Lifecycle { get; set; }
        public LoyaltySettings Loyalty { get; set; }
        public ChurnSettings Churn { get; set; }
        public RetentionSettings Retention { get; set; }
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

    public sealed class CurrencySettings
    {
        public string BaseCurrency { get; set; }

        /// <summary>Units of base currency per unit of each other currency (ISO code → rate).</summary>
        public Dictionary<string, decimal> ExchangeRates { get; set; }
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

        /// <summary>Share of customers expected to stay each year (survival factor).</summary>
        public decimal RetentionRate { get; set; }

        /// <summary>Margin used for lines that carry no cost or margin.</summary>
        public decimal DefaultMarginRate { get; set; }

        /// <summary>Cap on the yearly growth extrapolated from the trend (e.g. 0.5 = +50%).</summary>
        public decimal MaxTrendGrowth { get; set; }

        /// <summary>Number of product families in the catalogue (for cross-purchase headroom).</summary>
        public int ProductFamilyCount { get; set; }

        /// <summary>Chance a customer buys into one more family within a year.</summary>
        public decimal CrossSellProbability { get; set; }

        /// <summary>Profit credited per referred customer per year.</summary>
        public decimal ReferralValue { get; set; }

        /// <summary>Years over which growth potential ramps in.</summary>
        public int PotentialRampYears { get; set; }
    }

    public sealed class ValueMatrixSettings
    {
        /// <summary>Current value (profit per year, base currency) at or above which a customer is "high".</summary>
        public decimal CurrentValueThreshold { get; set; }

        /// <summary>Growth potential (incremental profit per year) at or above which a customer is "high".</summary>
        public decimal GrowthPotentialThreshold { get; set; }

        /// <summary>Relative band around each threshold a value must cross to change side (0.1 = ±10%).</summary>
        public decimal HysteresisBand { get; set; }

        public Dictionary<ValueTier, TierPolicy> Policies { get; set; }
    }

    public sealed class LifecycleSettings
    {
        public int ExplorationMonths { get; set; }
        public int StabilityMonths { get; set; }
        public int LongLastingMonths { get; set; }
        public int DeclineRecencyDays { get; set; }

        /// <summary>Relative change of recent vs earlier value that counts as rising or falling.</summary>
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
        public decimal ActivityDeclineThreshold { get; set; }
        public int ActivityDeclinePoints { get; set; }
        public decimal SatisfactionDropThreshold { get; set; }
        public int SatisfactionDropPoints { get; set; }
        public int OpenComplaintPoints { get; set; }
        public int RecentComplaintPoints { get; set; }
        public int ComplaintPointsCap { get; set; }
        public int RecentComplaintDays { get; set; }
        public int LongRecencyDays { get; set; }
        public int LongRecencyPoints { get; set; }
        public int MediumRiskFrom { get; set; }
        public int HighRiskFrom { get; set; }
    }

    public sealed class RetentionSettings
    {
        /// <summary>Recurring actions per tier.</summary>
        public Dictionary<ValueTier, List<CadenceRule>> Cadences { get; set; }

        public int WinBackDueDays { get; set; }
        public int PlannedExitDueDays { get; set; }

        /// <summary>Team that owns platinum retention work (key-account team); empty: the customer's owner.</summary>
        public string KeyAccountTeamId { get; set; }
    }

    public sealed class CadenceRule
    {
        public RetentionActionKind Kind { get; set; }
        public int EveryDays { get; set; }
    }
}
