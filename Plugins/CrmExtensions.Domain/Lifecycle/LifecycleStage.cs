using System;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Lifecycle
{
    /// <summary>Relationship lifecycle stages. Stored in the cx_lifecyclestage choice, as the option of the same name.</summary>
    public enum LifecycleStage
    {
        Exploration = 1,
        Formation = 2,
        Stability = 3,
        Decline = 4,
    }

    /// <summary>How a relationship that is ending got there. Stored in the cx_lifecyclepattern choice, as the option of the same name.</summary>
    public enum LifecyclePattern
    {
        /// <summary>Ended while still exploring.</summary>
        EarlyAbort = 1,

        /// <summary>Ended during formation, before it stabilised.</summary>
        MidWay = 2,

        /// <summary>Reached stability but left soon after.</summary>
        EarlyExit = 3,

        /// <summary>Declining after a long stable relationship.</summary>
        LongLasting = 4,
    }

    public struct LifecycleAssessment
    {
        public LifecycleAssessment(LifecycleStage stage, LifecyclePattern? pattern, int tenureMonths)
        {
            Stage = stage;
            Pattern = pattern;
            TenureMonths = tenureMonths;
        }

        public LifecycleStage Stage { get; }

        /// <summary>Only for a relationship in decline.</summary>
        public LifecyclePattern? Pattern { get; }

        public int TenureMonths { get; }
    }

    /// <summary>
    /// Stage from tenure, recency and the trend of transaction value (recent half of the history vs the half before):
    /// young relationships explore, rising ones form, steady ones are stable, stale or falling ones decline.
    /// </summary>
    public sealed class LifecycleClassifier
    {
        private readonly CrmExtensionsSettings _settings;

        public LifecycleClassifier(CrmExtensionsSettings settings) { _settings = settings; }

        public LifecycleAssessment Classify(PurchaseSummary purchases, DateTime asOf)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            var lifecycle = _settings.Lifecycle;
            if (!purchases.HasPurchases) return new LifecycleAssessment(LifecycleStage.Exploration, null, 0);

            var tenure = Months(purchases.FirstPurchaseOn.Value, asOf);
            var recencyDays = (asOf - purchases.LastPurchaseOn.Value).TotalDays;
            var half = Math.Max(1, purchases.Periods.Count / 2);
            var recent = purchases.Recent(half).Revenue;
            var earlier = purchases.Before(half, half).Revenue;
            var falling = earlier > 0 && recent < earlier * (1 - lifecycle.TrendTolerance);
            var rising = recent > earlier * (1 + lifecycle.TrendTolerance);

            if (recencyDays > lifecycle.DeclineRecencyDays || (falling && tenure >= lifecycle.ExplorationMonths))
                return new LifecycleAssessment(LifecycleStage.Decline, PatternFor(Months(purchases.FirstPurchaseOn.Value, purchases.LastPurchaseOn.Value), lifecycle), tenure);
            if (tenure < lifecycle.ExplorationMonths) return new LifecycleAssessment(LifecycleStage.Exploration, null, tenure);
            if (rising && tenure < lifecycle.LongLastingMonths) return new LifecycleAssessment(LifecycleStage.Formation, null, tenure);
            return new LifecycleAssessment(tenure < lifecycle.StabilityMonths ? LifecycleStage.Formation : LifecycleStage.Stability, null, tenure);
        }

        private static LifecyclePattern PatternFor(int activeMonths, LifecycleSettings lifecycle)
        {
            if (activeMonths < lifecycle.ExplorationMonths) return LifecyclePattern.EarlyAbort;
            if (activeMonths < lifecycle.StabilityMonths) return LifecyclePattern.MidWay;
            if (activeMonths < lifecycle.LongLastingMonths) return LifecyclePattern.EarlyExit;
            return LifecyclePattern.LongLasting;
        }

        private static int Months(DateTime from, DateTime to) => Math.Max(0, (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0));
    }
}
