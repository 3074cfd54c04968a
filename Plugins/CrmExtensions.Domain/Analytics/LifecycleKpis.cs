using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;

namespace CrmExtensions.Domain.Analytics
{
    /// <summary>One purchase as the KPIs see it: when, and the product family bought (null when unknown).</summary>
    public struct KpiPurchase
    {
        public KpiPurchase(DateTime on, string family)
        {
            On = on;
            Family = family;
        }

        public DateTime On { get; }
        public string Family { get; }
    }

    /// <summary>What the KPIs need of one customer: its stage now and its history.</summary>
    public sealed class KpiCustomer
    {
        public LifecycleStage? Stage { get; set; }
        public IReadOnlyList<KpiPurchase> Purchases { get; set; } = Array.Empty<KpiPurchase>();
        public IReadOnlyList<DateTime> ComplaintsOpenedOn { get; set; } = Array.Empty<DateTime>();
        public IReadOnlyList<KeyValuePair<DateTime, decimal>> SurveyScores { get; set; } = Array.Empty<KeyValuePair<DateTime, decimal>>();
        public IReadOnlyList<CustomerLossRecord> Losses { get; set; } = Array.Empty<CustomerLossRecord>();
    }

    /// <summary>The relationship phase a KPI measures: acquisition (exploration), growth (formation), retention (stability), loss (decline).</summary>
    public enum KpiPhase
    {
        Acquisition = 1,
        Growth = 2,
        Retention = 3,
        Loss = 4,
    }

    /// <summary>A KPI with what it counts: numerator over denominator, each named.</summary>
    public sealed class StageKpi
    {
        public StageKpi(KpiPhase phase, string name, string numerator, int numeratorCount, string denominator, int denominatorCount, string detail = null)
        {
            Phase = phase;
            Name = name;
            Numerator = numerator;
            NumeratorCount = numeratorCount;
            Denominator = denominator;
            DenominatorCount = denominatorCount;
            Detail = detail;
        }

        public KpiPhase Phase { get; }
        public string Name { get; }
        public string Numerator { get; }
        public int NumeratorCount { get; }
        public string Denominator { get; }
        public int DenominatorCount { get; }

        /// <summary>Null when the denominator is empty (nothing to measure), never a made-up 0 or 100 %.</summary>
        public double? Rate => DenominatorCount == 0 ? (double?)null : (double)NumeratorCount / DenominatorCount;

        /// <summary>A breakdown behind the rate (the loss causes).</summary>
        public string Detail { get; }
    }

    /// <summary>
    /// KPIs per lifecycle phase with the method's definitions, over the period that ends at the evaluation date and is as
    /// long as the current-value window. Each names its numerator and denominator. Growth and retention count the
    /// customers of their own stage (a KPI over every customer says nothing about a phase: every customer of the sample
    /// bought, so a "conversion" over all of them is 100 % in every stage); acquisition and loss measure the customer
    /// base itself: who joined it and who left it, against the customers at the start of the period.
    /// </summary>
    public static class LifecycleKpis
    {
        public static IReadOnlyList<StageKpi> Compute(IReadOnlyCollection<KpiCustomer> customers, int opportunitiesWon, int opportunitiesClosed, DateTime asOf,
            CrmExtensionsSettings settings, Func<LossCauseFamily, string> familyLabel = null)
        {
            // The caller names the families as its readers know them (a report: the choice's labels); the enum's names otherwise.
            familyLabel = familyLabel ?? (f => f.ToString());
            if (customers == null) throw new DomainValidationException("The KPIs need the customers (pass an empty list for none).");
            if (opportunitiesWon < 0 || opportunitiesWon > opportunitiesClosed)
                throw new DomainValidationException($"Won opportunities ({opportunitiesWon}) must be between 0 and the closed ones ({opportunitiesClosed}).");
            var start = asOf.AddMonths(-settings.Analysis.WindowPeriods * settings.Analysis.PeriodMonths);
            bool InPeriod(DateTime d) => d > start && d <= asOf;
            List<KpiCustomer> Of(LifecycleStage stage) => customers.Where(c => c != null && c.Stage == stage).ToList();
            var kpis = new List<StageKpi>();

            var all = customers.Where(c => c != null).ToList();
            var atStart = all.Where(c => c.Purchases.Any(p => p.On <= start) && !c.Losses.Any(l => l.LostOn <= start && (!l.RecoveredOn.HasValue || l.RecoveredOn > start))).ToList();
            kpis.Add(new StageKpi(KpiPhase.Acquisition, "New customers", "customers whose first purchase fell in the period", all.Count(c => c.Purchases.Any() && InPeriod(c.Purchases.Min(p => p.On))),
                "customers at the start of the period", atStart.Count));
            kpis.Add(new StageKpi(KpiPhase.Acquisition, "Opportunity win rate", "opportunities won in the period", opportunitiesWon,
                "opportunities closed (won or lost) in the period", opportunitiesClosed));

            var forming = Of(LifecycleStage.Formation);
            var buying = forming.Where(c => c.Purchases.Any(p => InPeriod(p.On))).ToList();
            kpis.Add(new StageKpi(KpiPhase.Growth, "Repeat rate", "customers with 2 or more purchases in the period", buying.Count(c => c.Purchases.Count(p => InPeriod(p.On)) >= 2),
                "forming customers who bought in the period", buying.Count));
            var repeating = forming.Where(c => Ordered(c).Skip(1).Any(p => InPeriod(p.On))).ToList();
            kpis.Add(new StageKpi(KpiPhase.Growth, "Cross-sell rate", "customers who bought a product family new to them", repeating.Count(BoughtNewFamilyInPeriod(InPeriod)),
                "forming customers with a repeat purchase in the period", repeating.Count));
            var answers = forming.SelectMany(c => c.SurveyScores).Where(s => InPeriod(s.Key)).ToList();
            var satisfied = settings.Loyalty.SatisfiedThreshold * settings.Loyalty.SurveyScaleMax;
            kpis.Add(new StageKpi(KpiPhase.Growth, "Satisfaction", $"survey answers of {satisfied:0.#} or more (of {settings.Loyalty.SurveyScaleMax:0.#})", answers.Count(s => s.Value >= satisfied),
                "survey answers of forming customers in the period", answers.Count));

            var stable = Of(LifecycleStage.Stability).Where(c => c.Purchases.Count >= 2).ToList();
            kpis.Add(new StageKpi(KpiPhase.Retention, "Repeat within the expected cycle",
                $"latest purchase at most {settings.Lifecycle.OverdueIntervals:0.#} usual intervals after the one before", stable.Count(c => OnCycle(c, settings.Lifecycle.OverdueIntervals)),
                "stable customers", stable.Count));
            kpis.Add(new StageKpi(KpiPhase.Retention, "Complaint rate", "customers with a complaint opened in the period", stable.Count(c => c.ComplaintsOpenedOn.Any(InPeriod)),
                "stable customers", stable.Count));

            kpis.Add(new StageKpi(KpiPhase.Loss, "Churn rate", "of them lost in the period", atStart.Count(c => c.Losses.Any(l => InPeriod(l.LostOn))),
                "customers at the start of the period", atStart.Count));
            var lostInPeriod = all.SelectMany(c => c.Losses).Where(l => InPeriod(l.LostOn)).ToList();
            var causes = string.Join(", ", Enum.GetValues(typeof(LossCauseFamily)).Cast<LossCauseFamily>().Select(f => $"{familyLabel(f)} {lostInPeriod.Count(l => l.Family == f)}"))
                + $", not recorded {lostInPeriod.Count(l => !l.Family.HasValue)}";
            kpis.Add(new StageKpi(KpiPhase.Loss, "Causes recorded", "losses with a recorded cause", lostInPeriod.Count(l => l.Family.HasValue),
                "losses in the period", lostInPeriod.Count, causes));
            var losses = all.SelectMany(c => c.Losses).Where(l => l.LostOn <= asOf).ToList();
            kpis.Add(new StageKpi(KpiPhase.Loss, "Win-back rate", "lost customers who bought again", losses.Count(l => l.RecoveredOn.HasValue),
                "lost customers (every recorded loss)", losses.Count));
            return kpis;
        }

        private static List<KpiPurchase> Ordered(KpiCustomer c) => c.Purchases.OrderBy(p => p.On).ToList();

        /// <summary>A purchase in the period, after the first, of a family none of the customer's earlier purchases had.</summary>
        private static Func<KpiCustomer, bool> BoughtNewFamilyInPeriod(Func<DateTime, bool> inPeriod) => c =>
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var first = true;
            foreach (var p in Ordered(c))
            {
                var isNew = p.Family != null && !seen.Contains(p.Family);
                if (!first && isNew && inPeriod(p.On)) return true;
                if (p.Family != null) seen.Add(p.Family);
                first = false;
            }
            return false;
        };

        private static bool OnCycle(KpiCustomer c, decimal intervals)
        {
            var dates = Ordered(c).Select(p => p.On).ToList();
            var usual = (dates[dates.Count - 1] - dates[0]).TotalDays / (dates.Count - 1);
            return (dates[dates.Count - 1] - dates[dates.Count - 2]).TotalDays <= (double)intervals * usual;
        }
    }
}
