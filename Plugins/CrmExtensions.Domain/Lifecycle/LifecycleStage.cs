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
    /// Stage from the customer's own history, whatever its length: a customer who has bought once, or for less than
    /// lifecycle.explorationMonths, explores; repeat
    /// buyers form a relationship until their rhythm is established (lifecycle.stablePurchases) and steady, then are
    /// stable; silence longer than lifecycle.overdueIntervals × their usual interval between purchases (the population's
    /// typical interval before a second purchase), or value falling against their own baseline, is decline. Tenure
    /// names how a declining relationship ends.
    /// </summary>
    public sealed class LifecycleClassifier
    {
        private readonly CrmExtensionsSettings _settings;
        private readonly PurchaseModel _model;

        public LifecycleClassifier(CrmExtensionsSettings settings, PurchaseModel model)
        {
            _settings = settings;
            _model = model;
        }

        public LifecycleAssessment Classify(PurchaseSummary purchases, DateTime asOf)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            var lifecycle = _settings.Lifecycle;
            var rhythm = PurchaseRhythm.Of(purchases, asOf);
            if (!rhythm.HasValue) return new LifecycleAssessment(LifecycleStage.Exploration, null, 0);

            var tenure = Months(purchases.FirstPurchaseOn.Value, asOf);
            var interval = rhythm.Value.UsualIntervalDays ?? _model.TypicalIntervalDays;
            var overdue = rhythm.Value.DaysSinceLastPurchase > (double)lifecycle.OverdueIntervals * interval;
            var trend = ActivityTrend.Of(purchases, asOf, _settings.Analysis.PeriodMonths, Math.Max(1, _settings.Analysis.WindowPeriods / 2));
            var change = trend?.Change ?? 0m;

            if (overdue || change < -lifecycle.TrendTolerance)
                return new LifecycleAssessment(LifecycleStage.Decline, PatternFor(Months(purchases.FirstPurchaseOn.Value, purchases.LastPurchaseOn.Value), lifecycle), tenure);
            if (rhythm.Value.RepeatPurchases == 0 || tenure < lifecycle.ExplorationMonths) return new LifecycleAssessment(LifecycleStage.Exploration, null, tenure);
            if (purchases.LifetimeOrders < lifecycle.StablePurchases || change > lifecycle.TrendTolerance)
                return new LifecycleAssessment(LifecycleStage.Formation, null, tenure);
            return new LifecycleAssessment(LifecycleStage.Stability, null, tenure);
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
