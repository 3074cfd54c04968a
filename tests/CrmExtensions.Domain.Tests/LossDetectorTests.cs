using System;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LossDetectorTests
    {
        private static readonly DateTime AsOf = Build.AsOf;
        private static readonly Guid Customer = new Guid("6f1c0e3a-1111-4c6f-9a55-000000000001");
        private readonly LossDetector _losses = new LossDetector(Build.Settings, new PurchaseModel(Build.Settings.PurchaseModel));

        private static PurchaseSummary Bought(int count, int every, int lastDaysAgo) =>
            new PurchaseSummaryBuilder(Build.Settings).Build(Enumerable.Range(0, count).Select(i => new PurchaseLine(AsOf.AddDays(-lastDaysAgo - every * i), 500m)), AsOf);

        private static ChurnRisk Risk(params ChurnReasonCode[] codes) =>
            new ChurnRisk(0.5, codes.Select(c => new ChurnReason(c, 10, c.ToString())).ToList(), Build.Settings.Churn);

        [Fact]
        public void A_customer_silent_beyond_the_configured_time_is_lost_once_dated_when_it_crossed_the_line()
        {
            var purchases = Bought(5, 30, 400);
            var assessment = _losses.Assess(Customer, purchases, null, null, null, Risk(), AsOf);
            var detected = assessment.Detected;
            Assert.NotNull(detected);
            Assert.Equal(purchases.LastPurchaseOn.Value.AddDays(365), detected.LostOn);
            Assert.Equal(LossDetector.LossIdFor(Customer, purchases.LastPurchaseOn.Value), detected.Id);
            Assert.Equal(400, detected.SilentDays);
            Assert.Equal(LossDetection.NoPurchase, assessment.Open.Detection);

            // Recorded: the next evaluation finds it open and detects nothing new.
            var again = _losses.Assess(Customer, purchases, null, new[] { assessment.Open }, null, Risk(), AsOf.AddDays(30));
            Assert.Null(again.Detected);
            Assert.Equal(detected.Id, again.Open.Id);
        }

        [Fact]
        public void A_slow_buyer_is_judged_by_its_own_rhythm()
        {
            // Buys every 200 days: 400 days of silence are two of its intervals, not the three the rule needs.
            Assert.Null(_losses.Assess(Customer, Bought(4, 200, 400), null, null, null, Risk(), AsOf).Open);
            Assert.NotNull(_losses.Assess(Customer, Bought(4, 200, 610), null, null, null, Risk(), AsOf).Detected);
        }

        [Fact]
        public void A_purchase_after_the_loss_wins_the_customer_back_on_its_first_purchase_after_it()
        {
            var lostOn = AsOf.AddDays(-90);
            var loss = new CustomerLossRecord(Guid.NewGuid(), lostOn, LossDetection.ClosedByUser, LossCauseFamily.Competitor, LossCause.CompetitorPrice);
            var purchases = Bought(3, 20, 5);
            var dates = new[] { AsOf.AddDays(-45), AsOf.AddDays(-25), AsOf.AddDays(-5) };
            var assessment = _losses.Assess(Customer, purchases, dates, new[] { loss }, null, Risk(), AsOf);
            var back = Assert.Single(assessment.Recovered);
            Assert.Equal(WinBackOutcome.WonBack, back.Outcome);
            Assert.Equal(AsOf.AddDays(-45), back.RecoveredOn);
            Assert.Null(assessment.Open);
            Assert.Null(assessment.Detected);
        }

        [Fact]
        public void A_customer_closed_by_a_user_stays_lost_until_it_buys_and_is_not_detected_twice()
        {
            var loss = new CustomerLossRecord(Guid.NewGuid(), AsOf.AddDays(-10), LossDetection.ClosedByUser, LossCauseFamily.CustomerSide, LossCause.BusinessClosed);
            var assessment = _losses.Assess(Customer, Bought(5, 30, 600), null, new[] { loss }, null, Risk(), AsOf);
            Assert.Equal(loss.Id, assessment.Open.Id);
            Assert.Null(assessment.Detected);
        }

        [Fact]
        public void A_loss_a_user_deleted_is_not_recorded_again()
        {
            var purchases = Bought(5, 30, 400);
            var dismissed = new[] { LossDetector.LossIdFor(Customer, purchases.LastPurchaseOn.Value) };
            var assessment = _losses.Assess(Customer, purchases, null, null, dismissed, Risk(), AsOf);
            Assert.Null(assessment.Detected);
            Assert.Null(assessment.Open);
        }

        [Theory]
        [InlineData(ChurnReasonCode.LostToCompetitor, LossCauseFamily.Competitor)]
        [InlineData(ChurnReasonCode.CompetitorGainingGround, LossCauseFamily.Competitor)]
        [InlineData(ChurnReasonCode.Complaints, LossCauseFamily.OurSide)]
        [InlineData(ChurnReasonCode.SatisfactionDecline, LossCauseFamily.OurSide)]
        [InlineData(ChurnReasonCode.PurchaseRhythm, null)]
        public void The_warning_signs_suggest_the_family_of_the_cause(ChurnReasonCode sign, LossCauseFamily? family)
        {
            var detected = _losses.Assess(Customer, Bought(5, 30, 400), null, null, null, Risk(sign), AsOf).Detected;
            Assert.Equal(family, detected.SuggestedFamily);
            Assert.Equal(sign.ToString(), detected.Evidence);
        }

        [Fact]
        public void A_customer_without_purchases_is_never_lost()
        {
            Assert.Null(_losses.Assess(Customer, PurchaseSummary.None(8), null, null, null, Risk(), AsOf).Open);
        }
    }
}
