using System;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class ChurnWarningTests
    {
        private readonly ChurnWarning _churn = new ChurnWarning(Build.Settings, new PurchaseModel(Build.Settings.PurchaseModel));
        private static readonly DateTime AsOf = Build.AsOf;

        [Fact]
        public void A_steady_happy_customer_has_almost_no_warning()
        {
            var monthly = new PurchaseSummaryBuilder(Build.Settings).Build(Enumerable.Range(0, 24).Select(m => new PurchaseLine(AsOf.AddDays(-10 - 30 * m), 1000m, "EUR")), AsOf);
            var risk = _churn.Assess(monthly, new[] { new SurveyResponse(AsOf.AddDays(-30), 5m) }, Array.Empty<Complaint>(), AsOf);
            Assert.True(risk.Score <= 5, risk.ReasonsText);
            Assert.Equal(ChurnRiskBand.Low, risk.Band);
        }

        [Fact]
        public void Silence_is_judged_against_the_customers_own_rhythm_and_explained()
        {
            // Both bought 12 times and last bought 140 days ago: one every 30 days before that, one every 90 days.
            PurchaseSummary Every(int days) => new PurchaseSummaryBuilder(Build.Settings)
                .Build(Enumerable.Range(0, 12).Select(i => new PurchaseLine(AsOf.AddDays(-140 - days * i), 500m, "EUR")), AsOf);
            var monthly = _churn.Assess(Every(30), null, null, AsOf);
            var quarterly = _churn.Assess(Every(90), null, null, AsOf);
            Assert.True(monthly.Score > quarterly.Score, $"{monthly.Score} vs {quarterly.Score}");
            Assert.Equal("No purchase for 140 days; this customer usually buys every 30 days", monthly.Reasons.Single(r => r.Code == ChurnReasonCode.Overdue).Description);
            Assert.Equal(25, monthly.Reasons.Single(r => r.Code == ChurnReasonCode.Overdue).Points); // two intervals and more: full weight
            Assert.Equal(14, quarterly.Reasons.Single(r => r.Code == ChurnReasonCode.Overdue).Points); // 1.56 of its intervals: 25 × 0.56
            var outlook = monthly.Reasons.Single(r => r.Code == ChurnReasonCode.PurchaseRhythm).Description;
            Assert.Matches(@"^\d+\.\d purchases expected in the next 12 months \(11 repeat purchases so far; \d+% likely still active\)$", outlook);
        }

        [Fact]
        public void A_one_time_buyer_is_compared_with_the_populations_rhythm()
        {
            var once = new PurchaseSummaryBuilder(Build.Settings).Build(new[] { new PurchaseLine(AsOf.AddDays(-200), 500m, "EUR") }, AsOf);
            var risk = _churn.Assess(once, null, null, AsOf);
            Assert.DoesNotContain(risk.Reasons, r => r.Code == ChurnReasonCode.Overdue); // the prior's typical interval is 365 days
            Assert.Contains("purchases expected in the next 12 months (one purchase so far)", risk.ReasonsText);
            var later = new PurchaseSummaryBuilder(Build.Settings).Build(new[] { new PurchaseLine(AsOf.AddDays(-500), 500m, "EUR") }, AsOf);
            Assert.Contains("No second purchase 500 days after the first; customers here usually buy every 365 days", _churn.Assess(later, null, null, AsOf).ReasonsText);
        }

        [Fact]
        public void Falling_activity_satisfaction_and_complaints_combine_with_reasons()
        {
            // Monthly buyer: 1,000 a quarter since its first purchase two years ago, the last two quarters 400.
            var purchases = Build.Quarters(new[] { 1000m, 1000m, 1000m, 1000m, 1000m, 1000m, 400m, 400m }, first: AsOf.AddMonths(-23), last: AsOf.AddDays(-5));
            var surveys = new[] { new SurveyResponse(AsOf.AddDays(-200), 5m), new SurveyResponse(AsOf.AddDays(-100), 5m), new SurveyResponse(AsOf.AddDays(-5), 2m) };
            var complaints = new[] { new Complaint(AsOf.AddDays(-10), true), new Complaint(AsOf.AddDays(-40), false), new Complaint(AsOf.AddDays(-400), false) };

            var risk = _churn.Assess(purchases, surveys, complaints, AsOf);

            var byCode = risk.Reasons.ToDictionary(r => r.Code);
            Assert.Equal(25, byCode[ChurnReasonCode.SatisfactionDecline].Points); // drop 60% ×2 → full weight
            Assert.Equal("Purchase value fell 60% below the customer's own baseline", byCode[ChurnReasonCode.ActivityDecline].Description);
            Assert.Equal(21, byCode[ChurnReasonCode.ActivityDecline].Points); // 35 × 0.6
            Assert.Equal(20, byCode[ChurnReasonCode.Complaints].Points); // 1 open ×15 + 1 recent ×5
            // Independent risks: 1 − Π(1 − p) over every reason, strongest first.
            var expected = 1 - risk.Reasons.Aggregate(1.0, (staying, r) => staying * (1 - r.Risk));
            Assert.Equal((int)Math.Round(100 * expected), risk.Score);
            Assert.True(risk.Score >= 50 && risk.Score < 100);
            Assert.Equal(risk.Reasons.Select(r => r.Points).OrderByDescending(p => p), risk.Reasons.Select(r => r.Points));
            Assert.Contains("1 open complaint, 1 more in the last 90 days", risk.ReasonsText);
        }

        [Fact]
        public void The_activity_baseline_starts_at_the_first_purchase()
        {
            // A customer of one year: 2,000 a quarter, then 500 in each of the last two. Against its own baseline that is a
            // 75 % fall; averaged over the six quarters before, most of them before it existed, it would hide as 25 %.
            var purchases = Build.Quarters(new[] { 0m, 0m, 0m, 0m, 2000m, 2000m, 500m, 500m }, first: AsOf.AddMonths(-11), last: AsOf.AddDays(-5));
            var decline = _churn.Assess(purchases, null, null, AsOf).Reasons.Single(r => r.Code == ChurnReasonCode.ActivityDecline);
            Assert.Equal("Purchase value fell 75% below the customer's own baseline", decline.Description);
        }

        [Fact]
        public void Complaint_points_are_capped()
        {
            var complaints = Enumerable.Range(0, 5).Select(i => new Complaint(AsOf.AddDays(-i), true)).ToArray();
            var risk = _churn.Assess(PurchaseSummary.None(8), null, complaints, AsOf);
            Assert.Equal(30, risk.Reasons.Single(r => r.Code == ChurnReasonCode.Complaints).Points);
            Assert.Equal(30, risk.Score);
        }
    }
}
