using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System;
using CrmExtensions.Cli.Reports;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Cli.Backtest
{
    /// <summary>
    /// The model-quality report: ranking measures against the holdout next to naive yardsticks on the same customers,
    /// churn and revenue per tier and stage, and one verdict line. The verdict asks what holds on any data: the rules
    /// rank churners and future revenue at least as well as the naive yardsticks (a shortfall inside two standard
    /// errors is sampling noise, not a verdict), and the tiers separate customers.
    /// </summary>
    public static class BacktestReport
    {
        public const double MaxTierShare = 0.7;

        public static void Write(TextWriter output, BacktestResult r)
        {
            var cal = r.Settings.Calibration;
            output.WriteLine($"Backtest: {r.Customers.Count} customers evaluated as of {r.AsOf:yyyy-MM-dd}, holdout until {r.HoldoutUntil:yyyy-MM-dd}; " +
                $"{Percent(r.ChurnRate(r.Customers))} bought nothing in the holdout.");
            if (cal != null)
                output.WriteLine($"Calibrated on {cal.Population} customers ({cal.ActiveCustomers} active): current value high from {cal.CurrentValueThreshold:N2}, " +
                    $"growth potential high from {cal.GrowthPotentialThreshold:N2}; purchase model r {cal.PurchaseModel.R:0.###}, alpha {cal.PurchaseModel.Alpha:0.##} days, " +
                    $"a {cal.PurchaseModel.A:0.###}, b {cal.PurchaseModel.B:0.###}.");
            output.WriteLine();
            CustomerReport.Table(output, new[] { "measure", "rules", "naive yardstick" }, new[]
            {
                new[] { "churn ROC AUC (all)", F(r.ChurnAuc), F(r.RecencyAuc) + " (days since last purchase)" },
                new[] { "churn ROC AUC (repeat buyers)", F(r.ChurnAucRepeatBuyers), F(r.RecencyAucRepeatBuyers) + " (days since last purchase)" },
                new[] { "value Spearman vs holdout revenue", F(r.ValueSpearman), F(r.PastRevenueSpearman) + " (past revenue)" },
                new[] { "top-20 % share of holdout revenue", Percent(r.TopFifthCapture), Percent(r.PastRevenueTopFifthCapture) + " (past revenue)" },
            });
            output.WriteLine();
            CustomerReport.Table(output, new[] { "tier", "customers", "share", "churn rate", "holdout revenue share" },
                Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>().Select(t => Row(r, t.ToString(), r.InTier(t).ToList())));
            output.WriteLine();
            CustomerReport.Table(output, new[] { "stage", "customers", "share", "churn rate", "holdout revenue share" },
                Enum.GetValues(typeof(LifecycleStage)).Cast<LifecycleStage>().Select(s => Row(r, s.ToString(), r.InStage(s).ToList())));
            output.WriteLine();
            output.WriteLine(Verdict(r));
        }

        /// <summary>"Verdict: PASS …" when every check holds, else "Verdict: REVIEW …" naming what failed.</summary>
        public static string Verdict(BacktestResult r)
        {
            var failed = Checks(r).Where(c => !c.ok).Select(c => c.name).ToList();
            return failed.Count == 0
                ? "Verdict: PASS - churn and value rank at least as well as the naive yardsticks (within two standard errors), and the tiers separate customers."
                : "Verdict: REVIEW - " + string.Join("; ", failed) + ".";
        }

        public static IEnumerable<(string name, bool ok)> Checks(BacktestResult r)
        {
            // "Worse" means by more than two standard errors: differences inside sampling noise count as a tie.
            var churned = r.Customers.Count(c => c.Churned);
            var aucError = RankMetrics.RocAucStandardError(r.ChurnAuc, churned, r.Customers.Count - churned);
            yield return ("churn ranks clearly worse than days since last purchase", !(r.ChurnAuc < r.RecencyAuc - 2 * aucError));
            var spearmanError = RankMetrics.SpearmanStandardError(r.ValueSpearman, r.Customers.Count);
            yield return ("value ranks clearly worse than past revenue", !(r.ValueSpearman < r.PastRevenueSpearman - 2 * spearmanError));
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

        private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
        private static string Percent(double value) => double.IsNaN(value) ? "-" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    }
}
