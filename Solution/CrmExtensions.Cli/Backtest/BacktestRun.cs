using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Cli.Backtest
{
    /// <summary>One customer as evaluated at the cut-off, with what it did in the holdout.</summary>
    public sealed class BacktestCustomer
    {
        public string Customer { get; set; }
        public bool RepeatBuyer { get; set; }
        public double DaysSinceLastPurchase { get; set; }
        public double PastRevenue { get; set; }
        public CustomerAssessment Assessment { get; set; }

        /// <summary>The value rules' expected profit within the holdout (unrounded): what they rank future revenue by.</summary>
        public double ExpectedProfit { get; set; }

        /// <summary>The purchase model alone: the purchases it expects within the holdout.</summary>
        public double PurchaseModelPurchases { get; set; }

        /// <summary>The purchase model alone: the purchases it expects within the holdout × the customer's mean spend so far.</summary>
        public double PurchaseModelRevenue { get; set; }

        public double HoldoutRevenue { get; set; }
        public bool BoughtInHoldout { get; set; }

        /// <summary>No purchase in the holdout.</summary>
        public bool Churned => !BoughtInHoldout;
    }

    public sealed class BacktestResult
    {
        public DateTime AsOf { get; set; }
        public DateTime HoldoutUntil { get; set; }

        /// <summary>The question the rules are asked: purchases and profit within the holdout's days.</summary>
        public ChurnHorizon Horizon { get; set; }
        public CrmExtensionsSettings Settings { get; set; }
        public IReadOnlyList<BacktestCustomer> Customers { get; set; }

        public RankingMeasure ChurnAuc { get; set; }
        public RankingMeasure ChurnAucRepeatBuyers { get; set; }
        public RankingMeasure ValueSpearman { get; set; }
        public RankingMeasure TopFifthCapture { get; set; }
        public IEnumerable<RankingMeasure> Measures => new[] { ChurnAuc, ChurnAucRepeatBuyers, ValueSpearman, TopFifthCapture };

        public double ChurnRate(IEnumerable<BacktestCustomer> group)
        {
            var list = group.ToList();
            return list.Count == 0 ? double.NaN : list.Count(c => c.Churned) / (double)list.Count;
        }

        public double RevenueShare(IEnumerable<BacktestCustomer> group)
        {
            var total = Customers.Sum(c => c.HoldoutRevenue);
            return total <= 0 ? double.NaN : group.Sum(c => c.HoldoutRevenue) / total;
        }

        public IEnumerable<BacktestCustomer> InTier(params ValueTier[] tiers) => Customers.Where(c => tiers.Contains(c.Assessment.Tier));
        public IEnumerable<BacktestCustomer> InStage(LifecycleStage stage) => Customers.Where(c => c.Assessment.Lifecycle.Stage == stage);
    }

    /// <summary>
    /// Evaluates every customer as of a cut-off from the purchases before it, exactly as the plug-ins do (each
    /// customer's facts ledger built as a full read builds it, then the domain evaluator), after calibrating on that
    /// population as the bulk run does when the value matrix is in percentile mode; then compares with the holdout.
    /// </summary>
    public static class BacktestRun
    {
        private const string Table = "salesorder";

        public static BacktestResult Run(IReadOnlyList<Purchase> purchases, string settingsJson, DateTime asOf, DateTime holdoutUntil)
        {
            if (holdoutUntil <= asOf) throw new ArgumentException($"The holdout must end after the cut-off (--as-of {asOf:yyyy-MM-dd}, --holdout-until {holdoutUntil:yyyy-MM-dd}).");
            var cutOff = EndOfDay(asOf); // the whole cut-off day is history
            var settings = SettingsLoader.Load(settingsJson);
            var byCustomer = purchases.GroupBy(p => p.Customer).Where(g => g.Any(p => p.Date <= cutOff)).ToList();
            if (byCustomer.Count == 0) throw new ArgumentException($"No customer bought on or before {asOf:yyyy-MM-dd}.");

            var facts = byCustomer.Select(g => Facts(g.Key, g.Where(p => p.Date <= cutOff), cutOff, settings)).ToList();
            if (settings.ValueMatrix.Thresholds == ThresholdMode.Percentile)
            {
                var calibration = new PopulationCalibrator(settings).Calibrate(facts, cutOff);
                settings = SettingsLoader.Load(SettingsLoader.CalibrationDocument(calibration), settingsJson);
                facts = byCustomer.Select(g => Facts(g.Key, g.Where(p => p.Date <= cutOff), cutOff, settings)).ToList();
            }

            // The holdout asks who buys and how much within its days, so the rules are asked exactly that: their churn outlook
            // and expected profit over the holdout, not over the product's horizons (12 months, next year). The settings keep
            // their horizon; only the question changes. Purchases are dated at their day's end, so the holdout's first
            // countable purchase is a day after the cut-off and its last at holdoutUntil's end: (holdoutUntil − asOf) days.
            var horizon = ChurnHorizon.OfDays((holdoutUntil.Date - asOf.Date).TotalDays);
            var evaluator = new CustomerEvaluator(settings, horizon);
            var model = PurchaseModel.From(settings);
            var value = new CustomerLifetimeProfit(settings, model);
            var holdoutEnd = holdoutUntil.Date.AddDays(1);
            var customers = byCustomer.Zip(facts, (g, f) =>
            {
                var holdout = g.Where(p => p.Date > cutOff && p.Date < holdoutEnd).ToList();
                var assessment = evaluator.Evaluate(f);
                var pastRevenue = (double)g.Where(p => p.Date <= cutOff).Sum(p => p.Amount);
                var expected = model.ExpectedPurchases(assessment.Rhythm.Value, horizon.Days);
                return new BacktestCustomer
                {
                    Customer = g.Key,
                    RepeatBuyer = f.Purchases.LifetimeOrders >= 2,
                    DaysSinceLastPurchase = (cutOff - f.Purchases.LastPurchaseOn.Value).TotalDays,
                    PastRevenue = pastRevenue,
                    Assessment = assessment,
                    // The risk's staying share is the one the value rules weighed: a file carries no coverage or competitor signal.
                    ExpectedProfit = value.ExpectedProfit(f.Purchases, cutOff, horizon.Days, assessment.Churn.StayingDespiteOtherSigns),
                    PurchaseModelPurchases = expected,
                    PurchaseModelRevenue = expected * pastRevenue / f.Purchases.LifetimeOrders,
                    HoldoutRevenue = (double)holdout.Sum(p => p.Amount),
                    BoughtInHoldout = holdout.Count > 0,
                };
            }).ToList();
            return new BacktestResult
            {
                AsOf = asOf, HoldoutUntil = holdoutUntil, Horizon = horizon, Settings = settings, Customers = customers,
                ChurnAuc = RankingMeasure.Churn("churn ROC AUC (all)", customers),
                ChurnAucRepeatBuyers = RankingMeasure.Churn("churn ROC AUC (repeat buyers)", customers.Where(c => c.RepeatBuyer).ToList()),
                ValueSpearman = RankingMeasure.ValueSpearman(customers),
                TopFifthCapture = RankingMeasure.TopFifthCapture(customers),
            };
        }

        /// <summary>The customer's ledger as a full read would build it: purchases inside the window one by one, older ones as totals.</summary>
        private static CustomerFacts Facts(string customer, IEnumerable<Purchase> history, DateTime asOf, CrmExtensionsSettings settings)
        {
            var ledger = CustomerFactsLedger.Empty(asOf, settings.Analysis);
            var id = IdOf(customer);
            var n = 0;
            foreach (var p in history)
            {
                var on = EndOfDay(p.Date);
                if (ledger.HoldsPurchasesOn(on))
                    ledger.Purchases[IdOf(customer + "#" + n++)] = new PurchaseEntry { Table = Table, Date = on, Revenue = p.Amount, Families = p.Families.ToList() };
                else
                    ledger.EarlierFor(Table).Add(1, p.Amount, 0m, on, on, p.Families);
            }
            return ledger.ToFacts(id, asOf, settings, null, null);
        }

        /// <summary>
        /// A file's day as an instant: its end. The rows of a day are one purchase, so a customer can buy again, countably,
        /// only from the next day on; dated at the day's start, each customer would get a day of tenure in which no repeat
        /// could count. So t_x and T run from day to day, as in Fader, Hardie &amp; Lee's summaries (T = 0 for a first
        /// purchase on the cut-off day).
        /// </summary>
        private static DateTime EndOfDay(DateTime day) => day.Date.AddDays(1).AddTicks(-1);

        private static Guid IdOf(string key)
        {
            using (var md5 = MD5.Create()) return new Guid(md5.ComputeHash(Encoding.UTF8.GetBytes(key)));
        }
    }
}
