using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Cli.Reports;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Cli.Backtest
{
    /// <summary>
    /// The model-quality report: ranking measures against the holdout, each with its bootstrap standard error, next to
    /// the purchase model alone and a naive yardstick on the same customers; churn and revenue per tier and stage; and
    /// one verdict line. The verdict asks what holds on any data: the rules rank churners and future revenue at least as
    /// well as the model they are built on and the naive yardsticks (a shortfall inside two standard errors is sampling
    /// noise, not a verdict), and the tiers separate customers.
    /// </summary>
    public static class BacktestReport
    {
        public const double MaxTierShare = 0.7;

        public static ReportDocument Build(BacktestResult r)
        {
            var document = new ReportDocument();
            var cal = r.Settings.Calibration;
            document.Note($"Backtest: {r.Customers.Count} customers evaluated as of {r.AsOf:yyyy-MM-dd}, holdout until {r.HoldoutUntil:yyyy-MM-dd}; " +
                $"{Percent(r.ChurnRate(r.Customers))} bought nothing in the holdout.");
            if (cal != null)
                document.Note($"Calibrated on {cal.Population} customers ({cal.ActiveCustomers} active): current value high from {cal.CurrentValueThreshold:N2}, " +
                    $"growth potential high from {cal.GrowthPotentialThreshold:N2}; purchase model r {cal.PurchaseModel.R:0.###}, alpha {cal.PurchaseModel.Alpha:0.##} days, " +
                    $"a {cal.PurchaseModel.A:0.###}, b {cal.PurchaseModel.B:0.###}.");
            document.Section("Ranking against the holdout");
            document.Table(new[] { "measure", "rules (± standard error)", "purchase model alone", "naive yardstick" },
                r.Measures.Select(m => new[] { m.Name, Figure(m, m.Rules) + " ± " + Figure(m, m.StandardError), Figure(m, m.PurchaseModel), $"{Figure(m, m.Naive)} ({m.NaiveName})" }));
            document.Note($"Both asked about the holdout's {r.Horizon}. Churn: the rules' probability vs the model's expected purchases. Value: the rules' " +
                "expected profit vs the model's expected purchases × mean spend. Standard errors: 200 bootstrap resamples of the customers.");
            document.Section("Tiers and lifecycle stages in the holdout");
            document.Table(new[] { "tier", "customers", "share", "churn rate", "holdout revenue share" },
                Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>().Select(t => Row(r, t.ToString(), r.InTier(t).ToList())));
            document.Table(new[] { "stage", "customers", "share", "churn rate", "holdout revenue share" },
                Enum.GetValues(typeof(LifecycleStage)).Cast<LifecycleStage>().Select(s => Row(r, s.ToString(), r.InStage(s).ToList())));
            document.Section("Verdict");
            document.Note(Verdict(r));
            return document;
        }

        /// <summary>"Verdict: PASS …" when every check holds, else "Verdict: REVIEW …" naming what failed.</summary>
        public static string Verdict(BacktestResult r)
        {
            var failed = Checks(r).Where(c => !c.ok).Select(c => c.name).ToList();
            return failed.Count == 0
                ? "Verdict: PASS - churn and value rank at least as well as the purchase model alone and the naive yardsticks (within two standard errors), " +
                  "and the tiers separate customers."
                : "Verdict: REVIEW - " + string.Join("; ", failed) + ".";
        }

        public static IEnumerable<(string name, bool ok)> Checks(BacktestResult r)
        {
            // "Below" means by more than two standard errors: differences inside sampling noise count as a tie.
            foreach (var m in r.Measures)
            {
                yield return ($"{m.Name} clearly below the purchase model alone", !m.BelowPurchaseModel);
                yield return ($"{m.Name} clearly below {m.NaiveName}", !m.BelowNaive);
            }
            var topChurn = r.ChurnRate(r.InTier(ValueTier.Platinum, ValueTier.Gold));
            var leadChurn = r.ChurnRate(r.InTier(ValueTier.Lead));
            yield return ("platinum + gold churn more than half as often as lead", double.IsNaN(topChurn) || double.IsNaN(leadChurn) || topChurn <= leadChurn / 2);
            var largest = Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>().Max(t => r.InTier(t).Count()) / (double)r.Customers.Count;
            yield return ($"one tier holds {Percent(largest)} of customers (more than {Percent(MaxTierShare)})", largest <= MaxTierShare);
        }

        private static string[] Row(BacktestResult r, string name, List<BacktestCustomer> group) => new[]
        {
            name, group.Count.ToString(CultureInfo.InvariantCulture), Percent(group.Count / (double)r.Customers.Count),
            group.Count == 0 ? "-" : Percent(r.ChurnRate(group)), Percent(r.RevenueShare(group)),
        };

        private static string Figure(RankingMeasure m, double value) =>
            m.IsShare ? Percent(value) : double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
        private static string Percent(double value) => double.IsNaN(value) ? "-" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    }
}
