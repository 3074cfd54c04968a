using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Reports;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using CrmExtensions.Cli.Backtest;
using CrmExtensions.Cli.Demo;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>Runs only where ../shared/datasets/cdnow-sample is present (CI has it); elsewhere it is skipped with this reason.</summary>
    public sealed class CdnowFactAttribute : FactAttribute
    {
        public static readonly string File = Path.Combine(Path.GetDirectoryName(RepositoryLayout.Find().SolutionSource), "..", "..", "shared", "datasets", "cdnow-sample", "CDNOW_sample.txt");

        public CdnowFactAttribute()
        {
            if (!System.IO.File.Exists(File)) Skip = $"The CDNOW sample is not at {Path.GetFullPath(File)} (../shared beside the repository; CI has it).";
        }
    }

    public class BacktestTests
    {
        private static DateTime Day(string text) => DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        [CdnowFact]
        public void On_cdnow_the_rules_rank_as_well_as_the_purchase_model_they_are_built_on_and_the_tiers_separate_customers()
        {
            var result = BacktestRun.Run(TransactionFile.Load(CdnowFactAttribute.File), null, Day("1997-09-30"), Day("1998-06-30"));

            Assert.Equal(2357, result.Customers.Count);
            Assert.Equal(0.710, result.ChurnRate(result.Customers), 3); // the protocol's 71.0 % buy nothing in the holdout
            // The fit is Fader, Hardie & Lee's maximum-likelihood estimate (weeks: r 0.243, α 4.414, a 0.793, b 2.426) to three
            // significant digits, on summaries whose log-likelihood under it is the paper's −9582.4 (a density per week is 7
            // times one per day, once per repeat purchase), and no less likely than the printed, rounded parameters.
            var model = result.Settings.Calibration.PurchaseModel;
            Assert.Equal(0.243, model.R, 0.0005);
            Assert.Equal(4.414, model.Alpha / 7, 0.005);
            Assert.Equal(0.793, model.A, 0.0005);
            Assert.Equal(2.426, model.B, 0.005);
            var rhythms = result.Customers.Select(c => c.Assessment.Rhythm.Value).ToList();
            var likelihood = new PurchaseLikelihood(rhythms);
            Assert.Equal(-9582.4, likelihood.LogLikelihood(model) + rhythms.Sum(c => c.RepeatPurchases) * Math.Log(7), 0.05);
            Assert.True(likelihood.LogLikelihood(model) >= likelihood.LogLikelihood(new PurchaseModelParameters { R = 0.243, Alpha = 4.414 * 7, A = 0.793, B = 2.426 }));
            // Purchases only: nothing the model cannot see, so both rank as the model's own expectation over the holdout's
            // 39 weeks, to the last pair: the dataset's reference figures (0.773, 0.728, 0.421, 67.2 %).
            Assert.Equal(273, result.Horizon.Days);
            Assert.Equal(result.ChurnAuc.PurchaseModel, result.ChurnAuc.Rules, 12);
            Assert.Equal(result.ChurnAucRepeatBuyers.PurchaseModel, result.ChurnAucRepeatBuyers.Rules, 12);
            Assert.Equal(result.ValueSpearman.PurchaseModel, result.ValueSpearman.Rules, 12);
            Assert.Equal(result.TopFifthCapture.PurchaseModel, result.TopFifthCapture.Rules, 12);
            Assert.InRange(result.ChurnAuc.Rules, 0.7725, 1);
            Assert.InRange(result.ChurnAucRepeatBuyers.Rules, 0.7280, 1);
            Assert.InRange(result.ValueSpearman.Rules, 0.4213, 1);
            Assert.InRange(result.TopFifthCapture.Rules, 0.672, 1);
            Assert.All(result.Measures, m => Assert.InRange(m.StandardError, 0.003, 0.03));
            Assert.True(result.ChurnRate(result.InTier(ValueTier.Platinum, ValueTier.Gold)) <= result.ChurnRate(result.InTier(ValueTier.Lead)) / 2);
            Assert.All(Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>(), t => Assert.InRange(result.InTier(t).Count(), 1, 0.7 * result.Customers.Count));
            var output = new StringWriter();
            ReportText.Write(output, BacktestReport.Build(result));
            Assert.Contains("Verdict: PASS", output.ToString());
        }

        [Fact]
        public void On_the_demo_sample_the_rules_rank_as_the_purchase_model_and_the_verdict_names_what_the_model_misses()
        {
            // The shipped sample as a transaction file: orders and invoices in the base currency, evaluated half a year before the demo date.
            var data = SampleDataset.Load(RepositoryLayout.Find().SampleData);
            var rates = data.Currencies.ToDictionary(c => c.Code, c => c.ExchangeRate);
            string Base(string currency, decimal amount) => (currency == null ? amount : Math.Round(amount / rates[currency], 2)).ToString(CultureInfo.InvariantCulture);
            var file = Path.Combine(Path.GetTempPath(), $"cx-backtest-{Guid.NewGuid():N}.csv");
            File.WriteAllLines(file, new[] { "customer,date,amount,product_family" }
                .Concat(data.Orders.Select(o => $"{o.AccountId},{o.OrderedOn:yyyy-MM-dd},{Base(o.Currency, o.Amount)},{o.ProductFamily}"))
                .Concat(data.Invoices.Select(i => $"{i.AccountId},{i.CreatedOn:yyyy-MM-dd},{Base(i.Currency, i.Amount)},")));
            try
            {
                var result = BacktestRun.Run(TransactionFile.Load(file), null, Day("2026-04-30"), Day("2026-10-31"));
                Assert.Equal(result.ChurnAuc.PurchaseModel, result.ChurnAuc.Rules, 12);
                Assert.All(result.Measures, m => Assert.False(m.BelowPurchaseModel, m.Name));
                Assert.InRange(result.ValueSpearman.Rules, 0.6, 1);
                // A wave of steady buyers stopped two to four months before this cut-off; the model fitted on the years
                // before sees little dropout and ranks them as still buying, where days since the last purchase does not.
                Assert.True(result.ChurnAuc.BelowNaive, $"{result.ChurnAuc.Rules} vs {result.ChurnAuc.Naive}");
                Assert.Contains("churn ROC AUC (all) clearly below days since last purchase", BacktestReport.Verdict(result));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void On_simulated_customers_unlike_cdnows_the_rules_rank_as_the_purchase_model_they_are_built_on()
        {
            // A business buying about every 90 days (r 3, α 270 days), one in eleven purchases its last (a 1, b 10), customers
            // joining over three years: evaluated after three years, with a half-year holdout.
            var start = Day("2020-01-01");
            var file = Path.Combine(Path.GetTempPath(), $"cx-backtest-{Guid.NewGuid():N}.csv");
            File.WriteAllLines(file, SimulatedPurchases.Csv(3, 270, 1, 10, customers: 2000, start, joinDays: 1095, untilDays: 1095 + 182, seed: 31));
            try
            {
                var result = BacktestRun.Run(TransactionFile.Load(file), null, start.AddDays(1094), start.AddDays(1094 + 182));
                Assert.Equal(result.ChurnAuc.PurchaseModel, result.ChurnAuc.Rules, 12);
                Assert.Equal(result.ChurnAucRepeatBuyers.PurchaseModel, result.ChurnAucRepeatBuyers.Rules, 12);
                Assert.All(result.Measures, m => Assert.False(m.BelowPurchaseModel, $"{m.Name}: {m.Rules} vs {m.PurchaseModel}"));
                Assert.All(result.Measures, m => Assert.False(m.BelowNaive, $"{m.Name}: {m.Rules} vs {m.Naive}"));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void The_rules_are_asked_about_the_holdout_while_the_settings_keep_their_horizon()
        {
            // The holdout asks who buys within its 60 days (Feb 1 to Mar 31) and how much: the rules answer that question.
            var result = JanuaryThenHoldoutToMarch("a,2024-01-05,10", "a,2024-01-15,20", "a,2024-01-25,30", "b,2024-01-20,7", "b,2024-03-10,9");
            Assert.Equal(60, result.Horizon.Days);
            Assert.Equal(12, result.Settings.Churn.HorizonMonths);
            var model = PurchaseModel.From(result.Settings);
            var a = result.Customers.Single(c => c.Customer == "a");
            var expected = model.ExpectedPurchases(a.Assessment.Rhythm.Value, 60);
            Assert.Equal(expected, a.Assessment.Churn.ExpectedPurchases.Value, 12);
            Assert.Equal(Math.Exp(-expected), a.Assessment.Churn.Probability, 12);
            Assert.Contains("purchases expected in the next 60 days", a.Assessment.Churn.ReasonsText);
            Assert.Equal(expected, a.PurchaseModelPurchases, 12);
            Assert.Equal(expected * 20, a.PurchaseModelRevenue, 9); // mean spend 60 / 3
            Assert.Equal(expected * 20 * (double)result.Settings.Clp.DefaultMarginRate, a.ExpectedProfit, 9);
        }

        [Fact]
        public void The_verdict_fails_when_the_rules_rank_below_the_purchase_model_by_more_than_two_standard_errors()
        {
            // 400 customers the model ranks perfectly (the churners expect fewer purchases); the rules' probability follows the
            // model for all but two (a shortfall of about one standard error) or is unrelated to it (a shortfall of many standard errors).
            var random = new Random(28);
            var churnSettings = new ChurnSettings { MediumRiskFrom = 40, HighRiskFrom = 70 };
            List<BacktestCustomer> Customers(Func<int, double, double> rules) => Enumerable.Range(0, 400).Select(i =>
            {
                var churned = i % 3 != 0;
                var expected = (churned ? 0.1 : 1.0) + random.NextDouble();
                return new BacktestCustomer
                {
                    Customer = "c" + i, RepeatBuyer = true, DaysSinceLastPurchase = 1 / expected, PastRevenue = expected, PurchaseModelPurchases = expected,
                    Assessment = new CustomerAssessment { Churn = new ChurnRisk(rules(i, Math.Exp(-expected)), Array.Empty<ChurnReason>(), churnSettings), Tier = (ValueTier)(1 + i % 4) },
                    ExpectedProfit = expected, PurchaseModelRevenue = expected, HoldoutRevenue = churned ? 0 : 10 * expected, BoughtInHoldout = !churned,
                };
            }).ToList();
            BacktestResult Result(List<BacktestCustomer> customers) => new BacktestResult
            {
                Customers = customers,
                ChurnAuc = RankingMeasure.Churn("churn ROC AUC (all)", customers),
                ChurnAucRepeatBuyers = RankingMeasure.Churn("churn ROC AUC (repeat buyers)", customers),
                ValueSpearman = RankingMeasure.ValueSpearman(customers),
                TopFifthCapture = RankingMeasure.TopFifthCapture(customers),
            };

            var close = Result(Customers((i, outlook) => i < 2 ? 1 - outlook : outlook));
            Assert.True(close.ChurnAuc.Rules < close.ChurnAuc.PurchaseModel, $"{close.ChurnAuc.Rules} vs {close.ChurnAuc.PurchaseModel} ± {close.ChurnAuc.StandardError}");
            Assert.False(close.ChurnAuc.BelowPurchaseModel);
            Assert.DoesNotContain("below the purchase model alone", BacktestReport.Verdict(close));

            var unrelated = Result(Customers((i, outlook) => random.NextDouble()));
            Assert.True(unrelated.ChurnAuc.Rules < unrelated.ChurnAuc.PurchaseModel - 2 * unrelated.ChurnAuc.StandardError);
            Assert.True(unrelated.ChurnAuc.BelowPurchaseModel);
            Assert.Contains("REVIEW - churn ROC AUC (all) clearly below the purchase model alone; churn ROC AUC (all) clearly below days since last purchase; " +
                "churn ROC AUC (repeat buyers) clearly below the purchase model alone", BacktestReport.Verdict(unrelated));
        }

        [Fact]
        public void Rows_of_one_customer_on_one_day_are_one_purchase_and_bad_lines_are_named()
        {
            var file = Path.Combine(Path.GetTempPath(), $"cx-backtest-{Guid.NewGuid():N}.csv");
            try
            {
                File.WriteAllLines(file, new[] { "customer,date,amount", "a,2024-01-05,10.5", "a,2024-01-05,4.5", "b,2024-02-01,3" });
                var purchases = TransactionFile.Load(file);
                Assert.Equal(2, purchases.Count);
                Assert.Equal(15m, purchases.Single(p => p.Customer == "a").Amount);

                File.WriteAllLines(file, new[] { "customer,date,amount", "a,2024-01-05,10.5", "a,05/01/2024,4.5" });
                var error = Assert.Throws<TransactionFileException>(() => TransactionFile.Load(file));
                Assert.Contains("(3): '05/01/2024' is not a date", error.Message);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void Tenure_and_the_days_between_purchases_run_from_purchase_day_to_purchase_day_and_the_cut_off_day_is_history()
        {
            // Rows of one day are one purchase, so a repeat counts only from the next day: t_x and T are whole days between
            // purchase days and up to the cut-off day (inclusive), as in Fader, Hardie & Lee's summaries.
            var result = JanuaryThenHoldoutToMarch("a,2024-01-05,10", "a,2024-01-05,5", "a,2024-01-15,20", "b,2024-01-31,7", "b,2024-02-10,9");
            var a = result.Customers.Single(c => c.Customer == "a").Assessment.Rhythm.Value;
            Assert.Equal(1, a.RepeatPurchases);
            Assert.Equal(10, a.ActiveDays);
            Assert.Equal(26, a.TenureDays);
            var b = result.Customers.Single(c => c.Customer == "b");
            Assert.Equal(0, b.Assessment.Rhythm.Value.TenureDays); // bought on the cut-off day: counted, with no day left to buy again
            Assert.True(b.BoughtInHoldout);
        }

        /// <summary>A backtest of a few "customer,date,amount" rows as of 2024-01-31, holdout to 2024-03-31, absolute thresholds.</summary>
        private static BacktestResult JanuaryThenHoldoutToMarch(params string[] rows)
        {
            var file = Path.Combine(Path.GetTempPath(), $"cx-backtest-{Guid.NewGuid():N}.csv");
            try
            {
                File.WriteAllLines(file, new[] { "customer,date,amount" }.Concat(rows));
                return BacktestRun.Run(TransactionFile.Load(file), @"{ ""valueMatrix"": { ""thresholds"": ""absolute"" } }", Day("2024-01-31"), Day("2024-03-31"));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void Rank_measures_handle_ties_as_average_ranks()
        {
            // Positives score 3 and 2, negatives 2 and 1: pairs won 1 + 1 + 1 + ½ of 4.
            Assert.Equal(0.875, RankMetrics.RocAuc(new[] { 3.0, 2, 2, 1 }, new[] { true, true, false, false }));
            Assert.Equal(1.0, RankMetrics.Spearman(new[] { 1.0, 2, 3 }, new[] { 10.0, 20, 30 }), 10);
            Assert.Equal(-1.0, RankMetrics.Spearman(new[] { 1.0, 2, 3 }, new[] { 3.0, 2, 1 }), 10);
            Assert.Equal(0.5, RankMetrics.TopShareCapture(new[] { 5.0, 4, 3, 2, 1 }, new[] { 1.0, 0, 0, 0, 1 }, 0.2));
        }

        [Fact]
        public void The_bootstrap_standard_error_agrees_with_hanley_and_mcneil_and_repeats_itself()
        {
            // AUC near 0.8 with 50 positives and 50 negatives: Hanley & McNeil's (1982) table gives about 0.044.
            var pairs = Enumerable.Range(0, 50).Select(i => (score: i + 18.5, churned: true)).Concat(Enumerable.Range(0, 50).Select(i => (score: (double)i, churned: false))).ToList();
            double Auc(IReadOnlyList<(double score, bool churned)> sample) => RankMetrics.RocAuc(sample.Select(p => p.score).ToList(), sample.Select(p => p.churned).ToList());
            Assert.InRange(Auc(pairs), 0.78, 0.81);
            Assert.InRange(RankMetrics.BootstrapStandardError(pairs, Auc), 0.035, 0.055);
            Assert.Equal(RankMetrics.BootstrapStandardError(pairs, Auc), RankMetrics.BootstrapStandardError(pairs, Auc)); // a fixed seed
        }
    }
}
