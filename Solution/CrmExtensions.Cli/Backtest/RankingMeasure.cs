using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Cli.Backtest
{
    /// <summary>
    /// One ranking measure of the backtest: the rules' figure with its bootstrap standard error, the purchase model alone
    /// (the same calibrated model, asked about the same holdout as the rules, so only what the rules add differs) and a
    /// naive yardstick, all on the same customers. The rules fall short of a yardstick only when they rank below it by
    /// more than two standard errors; less is sampling noise.
    /// </summary>
    public sealed class RankingMeasure
    {
        private RankingMeasure(string name, bool isShare, IReadOnlyList<BacktestCustomer> customers, Func<IReadOnlyList<BacktestCustomer>, Func<BacktestCustomer, double>, double> measure,
            Func<BacktestCustomer, double> rules, Func<BacktestCustomer, double> purchaseModel, Func<BacktestCustomer, double> naive, string naiveName)
        {
            Name = name;
            IsShare = isShare;
            Rules = measure(customers, rules);
            StandardError = RankMetrics.BootstrapStandardError(customers, sample => measure(sample, rules));
            PurchaseModel = measure(customers, purchaseModel);
            Naive = measure(customers, naive);
            NaiveName = naiveName;
        }

        public string Name { get; }

        /// <summary>A share of revenue (shown in percent) rather than a rank statistic.</summary>
        public bool IsShare { get; }

        public double Rules { get; }
        public double StandardError { get; }
        public double PurchaseModel { get; }
        public double Naive { get; }
        public string NaiveName { get; }

        public bool BelowPurchaseModel => Rules < PurchaseModel - 2 * StandardError;
        public bool BelowNaive => Rules < Naive - 2 * StandardError;

        /// <summary>Churn ROC AUC: the rules' churn probability; the model's expected purchases within the holdout, few = churn.</summary>
        public static RankingMeasure Churn(string name, IReadOnlyList<BacktestCustomer> customers) =>
            new RankingMeasure(name, false, customers, (group, score) => RankMetrics.RocAuc(group.Select(score).ToList(), group.Select(c => c.Churned).ToList()),
                c => c.Assessment.Churn.Probability, c => -c.PurchaseModelPurchases, c => c.DaysSinceLastPurchase, "days since last purchase");

        /// <summary>Spearman of the rules' expected profit within the holdout against its revenue; the model: its expected purchases within it × mean spend.</summary>
        public static RankingMeasure ValueSpearman(IReadOnlyList<BacktestCustomer> customers) =>
            Value("value Spearman vs holdout revenue", false, customers, (predicted, actual) => RankMetrics.Spearman(predicted, actual));

        /// <summary>Share of holdout revenue held by the top fifth of customers by the same predictions.</summary>
        public static RankingMeasure TopFifthCapture(IReadOnlyList<BacktestCustomer> customers) =>
            Value("top-20 % share of holdout revenue", true, customers, (predicted, actual) => RankMetrics.TopShareCapture(predicted, actual, 0.2));

        private static RankingMeasure Value(string name, bool isShare, IReadOnlyList<BacktestCustomer> customers, Func<IReadOnlyList<double>, IReadOnlyList<double>, double> measure) =>
            new RankingMeasure(name, isShare, customers, (group, score) => measure(group.Select(score).ToList(), group.Select(c => c.HoldoutRevenue).ToList()),
                c => c.ExpectedProfit, c => c.PurchaseModelRevenue, c => c.PastRevenue, "past revenue");
    }
}
