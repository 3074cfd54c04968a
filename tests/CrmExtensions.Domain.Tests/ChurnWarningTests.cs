using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class ChurnWarningTests
    {
        private readonly ChurnWarning _churn = new ChurnWarning(Build.Settings, new PurchaseModel(Build.Settings.PurchaseModel));
        private static readonly DateTime AsOf = Build.AsOf;

        private static PurchaseSummary Every(int days, int purchases, int lastDaysAgo) => new PurchaseSummaryBuilder(Build.Settings)
            .Build(Enumerable.Range(0, purchases).Select(i => new PurchaseLine(AsOf.AddDays(-lastDaysAgo - days * i), 500m)), AsOf);

        [Fact]
        public void A_steady_happy_customer_has_almost_no_warning()
        {
            var monthly = new PurchaseSummaryBuilder(Build.Settings).Build(Enumerable.Range(0, 24).Select(m => new PurchaseLine(AsOf.AddDays(-10 - 30 * m), 1000m)), AsOf);
            var risk = _churn.Assess(monthly, new[] { new SurveyResponse(AsOf.AddDays(-30), 5m) }, Array.Empty<Complaint>(), AsOf);
            Assert.True(risk.Score <= 5, risk.ReasonsText);
            Assert.Equal(ChurnRiskBand.Low, risk.Band);
        }

        [Fact]
        public void Silence_is_judged_against_the_customers_own_rhythm_and_explained_in_the_outlook()
        {
            // Both bought 12 times and last bought 140 days ago: one every 30 days before that, one every 90 days.
            var monthly = _churn.Assess(Every(30, 12, 140), null, null, AsOf).Reasons.Single();
            var quarterly = _churn.Assess(Every(90, 12, 140), null, null, AsOf).Reasons.Single();
            Assert.Equal(ChurnReasonCode.PurchaseRhythm, monthly.Code);
            const string Outlook = @"^\d+\.\d purchases expected in the next 12 months \(11 repeat purchases so far, (\d+)% likely still active\): ";
            Assert.Matches(Outlook + "no purchase for 140 days where this customer usually buys every 30 days and purchase value \\d+% below its own baseline$", monthly.Description);
            Assert.Matches(Outlook + "no purchase for 140 days where this customer usually buys every 90 days and purchase value \\d+% below its own baseline$", quarterly.Description);
            int Alive(ChurnReason outlook) => int.Parse(Regex.Match(outlook.Description, Outlook).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(Alive(monthly) < Alive(quarterly), $"{Alive(monthly)}% vs {Alive(quarterly)}%");
            // One reason per entry of the reasons text: the score history splits it there.
            Assert.DoesNotContain("; ", monthly.Description);
        }

        [Property(MaxTest = 200)]
        public bool On_purchases_alone_the_risk_is_the_models_outlook_so_it_ranks_customers_as_the_model_does(byte purchases, byte every, ushort silence)
        {
            // Silence and falling value explain the outlook; counting them again would rank customers below the model.
            var risk = _churn.Assess(Every(every % 120 + 5, purchases % 20 + 1, silence % 700), null, null, AsOf);
            return Math.Abs(risk.Probability - Math.Exp(-risk.ExpectedPurchases.Value)) < 1e-12 && risk.StayingDespiteOtherSigns == 1.0;
        }

        [Fact]
        public void Asked_about_another_horizon_the_outlook_is_the_chance_of_no_purchase_within_it_and_names_it()
        {
            var model = new PurchaseModel(Build.Settings.PurchaseModel);
            var purchases = Every(30, 12, 140);
            var rhythm = PurchaseRhythm.Of(purchases, AsOf).Value;
            var holdout = new ChurnWarning(Build.Settings, model, ChurnHorizon.OfDays(273)).Assess(purchases, null, null, AsOf);
            Assert.Equal(model.ExpectedPurchases(rhythm, 273), holdout.ExpectedPurchases.Value, 12);
            Assert.Equal(Math.Exp(-model.ExpectedPurchases(rhythm, 273)), holdout.Probability, 12);
            Assert.Contains("purchases expected in the next 273 days (", holdout.ReasonsText);
            // The settings' horizon is 12 months of 365.25 / 12 days: the default the product evaluates with.
            Assert.Equal(365.25, ChurnHorizon.Of(Build.Settings.Churn).Days, 12);
            var year = new ChurnWarning(Build.Settings, model, ChurnHorizon.OfDays(365.25)).Assess(purchases, null, null, AsOf);
            Assert.Equal(_churn.Assess(purchases, null, null, AsOf).Probability, year.Probability, 12);
            Assert.Throws<DomainValidationException>(() => ChurnHorizon.OfDays(0));
        }

        [Fact]
        public void A_one_time_buyer_is_compared_with_the_populations_rhythm()
        {
            var once = new PurchaseSummaryBuilder(Build.Settings).Build(new[] { new PurchaseLine(AsOf.AddDays(-200), 500m) }, AsOf);
            var risk = _churn.Assess(once, null, null, AsOf);
            Assert.EndsWith("purchases expected in the next 12 months (one purchase so far)", risk.ReasonsText); // the prior's typical interval is 365 days
            var later = new PurchaseSummaryBuilder(Build.Settings).Build(new[] { new PurchaseLine(AsOf.AddDays(-500), 500m) }, AsOf);
            Assert.Contains("(one purchase so far): no second purchase 500 days after the first where customers here usually buy every 365 days",
                _churn.Assess(later, null, null, AsOf).ReasonsText);
        }

        [Fact]
        public void Satisfaction_and_complaints_weigh_on_the_odds_of_the_outlook_and_falling_value_explains_it()
        {
            // Monthly buyer: 1,000 a quarter since its first purchase two years ago, the last two quarters 400.
            var purchases = Build.Quarters(new[] { 1000m, 1000m, 1000m, 1000m, 1000m, 1000m, 400m, 400m }, first: AsOf.AddMonths(-23), last: AsOf.AddDays(-5));
            var surveys = new[] { new SurveyResponse(AsOf.AddDays(-200), 5m), new SurveyResponse(AsOf.AddDays(-100), 5m), new SurveyResponse(AsOf.AddDays(-5), 2m) };
            var complaints = new[] { new Complaint(AsOf.AddDays(-10), true), new Complaint(AsOf.AddDays(-40), false), new Complaint(AsOf.AddDays(-400), false) };

            var risk = _churn.Assess(purchases, surveys, complaints, AsOf);

            Assert.Equal(new[] { ChurnReasonCode.PurchaseRhythm, ChurnReasonCode.SatisfactionDecline, ChurnReasonCode.Complaints }, risk.Reasons.Select(r => r.Code));
            Assert.EndsWith(": purchase value 60% below its own baseline", risk.Reasons[0].Description);
            Assert.Equal(25, risk.Reasons[1].Points); // drop 60% ×2 → full weight
            Assert.Equal(20, risk.Reasons[2].Points); // 1 open ×15 + 1 recent ×5
            // The outlook's odds times (1 + w) / (1 − w) for each signal.
            var outlook = risk.PurchaseOutlook.Value;
            var odds = outlook / (1 - outlook) * (1.25 / 0.75) * (1.2 / 0.8);
            Assert.Equal(odds / (1 + odds), risk.Probability, 12);
            Assert.True(risk.Probability > outlook);
            // The value rules keep the model's expectation in proportion to the chance of buying the signals leave.
            Assert.Equal((1 - risk.Probability) / (1 - outlook), risk.StayingDespiteOtherSigns, 12);
            Assert.Contains("1 open complaint, 1 more in the last 90 days", risk.ReasonsText);
        }

        [Theory]
        [InlineData(0.5, 0.6)] // undecided: a 20-point signal adds 10 points, as independent risks did there
        [InlineData(0.05, 0.0732)] // clear purchases: it adds less
        [InlineData(0.95, 0.9661)]
        public void A_signal_adds_half_its_weight_where_the_purchases_leave_a_customer_undecided_and_less_where_they_are_clear(double outlook, double expected)
        {
            var risk = new ChurnRisk(outlook, new[] { new ChurnReason(ChurnReasonCode.Complaints, 20, "1 open complaint") }, Build.Settings.Churn);
            Assert.Equal(expected, risk.Probability, 4);
        }

        [Fact]
        public void A_signal_the_model_cannot_see_lifts_the_ranking_above_the_models_own()
        {
            // Customers drawn from the BG/NBD process itself, so the model knows all their purchases can tell. Complaints
            // come from half of those that have stopped buying and a tenth of the others: what the purchases cannot show.
            var truth = new PurchaseModelParameters { R = 1.0, Alpha = 120, A = 1.0, B = 4.0 };
            var churn = new ChurnWarning(Build.Settings, new PurchaseModel(truth));
            var customers = Synthetic.Customers(truth, 3000, 730, 365, seed: 13).ToList();
            var facts = Synthetic.Facts(customers.Select(c => c.Rhythm), 1m, Build.Settings);
            var random = new Random(17);
            var complained = customers.Select(c => random.NextDouble() < (c.Active ? 0.1 : 0.5)).ToList();
            var open = new[] { new Complaint(AsOf.AddDays(-5), true), new Complaint(AsOf.AddDays(-20), true) };
            var model = facts.Select(f => churn.Assess(f.Purchases, null, null, AsOf).Probability).ToList();
            var rules = facts.Select((f, i) => churn.Assess(f.Purchases, null, complained[i] ? open : null, AsOf).Probability).ToList();
            var churned = customers.Select(c => !c.BuysInHoldout).ToList();
            Assert.True(Auc(rules, churned) > Auc(model, churned) + 0.01, $"{Auc(rules, churned)} vs {Auc(model, churned)}");
        }

        /// <summary>ROC AUC: the chance a churner scores above a customer who bought (ties count half).</summary>
        private static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> churned)
        {
            var positives = scores.Where((_, i) => churned[i]).ToList();
            var negatives = scores.Where((_, i) => !churned[i]).ToList();
            return positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0.0)) / ((double)positives.Count * negatives.Count);
        }

        [Fact]
        public void The_activity_baseline_starts_at_the_first_purchase()
        {
            // A customer of one year: 2,000 a quarter, then 500 in each of the last two. Against its own baseline that is a
            // 75 % fall; averaged over the six quarters before, most of them before it existed, it would hide as 25 %.
            var purchases = Build.Quarters(new[] { 0m, 0m, 0m, 0m, 2000m, 2000m, 500m, 500m }, first: AsOf.AddMonths(-11), last: AsOf.AddDays(-5));
            Assert.EndsWith(": purchase value 75% below its own baseline", _churn.Assess(purchases, null, null, AsOf).ReasonsText);
        }

        [Fact]
        public void Without_a_purchase_the_signals_combine_as_independent_risks_and_complaint_points_are_capped()
        {
            var complaints = Enumerable.Range(0, 5).Select(i => new Complaint(AsOf.AddDays(-i), true)).ToArray();
            var risk = _churn.Assess(PurchaseSummary.None(8), null, complaints, AsOf);
            Assert.Equal(30, risk.Reasons.Single(r => r.Code == ChurnReasonCode.Complaints).Points);
            Assert.Equal(30, risk.Score);
            Assert.Null(risk.PurchaseOutlook);
        }
    }
}
