using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class ChurnAndRetentionTests
    {
        private readonly ChurnWarning _churn = new ChurnWarning(Build.Settings);
        private readonly RetentionPolicy _retention = new RetentionPolicy(Build.Settings.Retention);
        private static readonly DateTime AsOf = Build.AsOf;

        [Fact]
        public void A_steady_happy_customer_has_no_warning()
        {
            var risk = _churn.Assess(Build.Quarters(Build.Steady(1000m)), new[] { new SurveyResponse(AsOf.AddDays(-30), 5m) }, Array.Empty<Complaint>(), AsOf);
            Assert.Equal(0, risk.Score);
            Assert.Equal(ChurnRiskBand.Low, risk.Band);
            Assert.Empty(risk.Reasons);
        }

        [Fact]
        public void Falling_activity_satisfaction_and_complaints_add_up_with_reasons()
        {
            // Baseline 1,000 a quarter, last two quarters 400 → 60% decline.
            var purchases = Build.Quarters(new[] { 1000m, 1000m, 1000m, 1000m, 1000m, 1000m, 400m, 400m });
            var surveys = new[] { new SurveyResponse(AsOf.AddDays(-200), 5m), new SurveyResponse(AsOf.AddDays(-100), 5m), new SurveyResponse(AsOf.AddDays(-5), 2m) };
            var complaints = new[] { new Complaint(AsOf.AddDays(-10), true), new Complaint(AsOf.AddDays(-40), false), new Complaint(AsOf.AddDays(-400), false) };

            var risk = _churn.Assess(purchases, surveys, complaints, AsOf);

            // Strongest first.
            Assert.Equal(new[] { ChurnReasonCode.SatisfactionDecline, ChurnReasonCode.ActivityDecline, ChurnReasonCode.Complaints }, risk.Reasons.Select(r => r.Code));
            Assert.Equal(25, risk.Reasons[0].Points); // drop 60% ×2 → full weight
            Assert.Equal("Purchase value fell 60% below the customer's own baseline", risk.Reasons[1].Description);
            Assert.Equal(21, risk.Reasons[1].Points); // 35 × 0.6
            Assert.Equal(20, risk.Reasons[2].Points); // 1 open ×15 + 1 recent ×5
            Assert.Equal(66, risk.Score);
            Assert.Equal(ChurnRiskBand.High, risk.Band);
            Assert.Contains("1 open complaint, 1 more in the last 90 days", risk.ReasonsText);
        }

        [Fact]
        public void Long_silence_is_a_reason_and_complaint_points_are_capped()
        {
            var purchases = Build.Quarters(new[] { 1000m, 1000m, 1000m, 1000m, 0m, 0m, 0m, 0m }, last: AsOf.AddDays(-300));
            var complaints = Enumerable.Range(0, 5).Select(i => new Complaint(AsOf.AddDays(-i), true)).ToArray();
            var risk = _churn.Assess(purchases, null, complaints, AsOf);
            Assert.Contains(risk.Reasons, r => r.Code == ChurnReasonCode.LongRecency && r.Description == "No purchase for 300 days");
            Assert.Equal(30, risk.Reasons.Single(r => r.Code == ChurnReasonCode.Complaints).Points);
            Assert.Equal(90, risk.Score); // activity 35 (no purchase in the recent half-window) + silence 25 + complaints 30
        }

        [Fact]
        public void Platinum_gets_the_full_cadence_and_high_risk_adds_a_win_back()
        {
            var id = Guid.NewGuid();
            var actions = _retention.DueActions(id, ValueTier.Platinum, LifecycleStage.Stability, ChurnRiskBand.High, AsOf);
            Assert.Equal(new[] { RetentionActionKind.FollowUpCall, RetentionActionKind.Visit, RetentionActionKind.SatisfactionSurvey, RetentionActionKind.LoyaltyOffer, RetentionActionKind.WinBack },
                actions.Select(a => a.Kind));
            var winBack = actions.Single(a => a.Kind == RetentionActionKind.WinBack);
            Assert.Equal(AsOf.AddDays(3), winBack.DueOn);
            Assert.Equal(ActivityChannel.PhoneCall, winBack.Channel);
            Assert.Equal(ActivityChannel.Task, actions.Single(a => a.Kind == RetentionActionKind.Visit).Channel);
        }

        [Fact]
        public void Next_due_date_follows_the_last_completed_action()
        {
            var last = new Dictionary<RetentionActionKind, DateTime> { [RetentionActionKind.FollowUpCall] = AsOf.AddDays(-10) };
            var call = _retention.DueActions(Guid.NewGuid(), ValueTier.Gold, LifecycleStage.Stability, ChurnRiskBand.Low, AsOf, last)
                .Single(a => a.Kind == RetentionActionKind.FollowUpCall);
            Assert.Equal(AsOf.AddDays(50), call.DueOn);
            Assert.Equal(60, call.EveryDays);
        }

        [Fact]
        public void Lead_customers_get_no_investment_only_a_planned_exit_when_declining()
        {
            var id = Guid.NewGuid();
            Assert.Empty(_retention.DueActions(id, ValueTier.Lead, LifecycleStage.Stability, ChurnRiskBand.High, AsOf));
            var exit = Assert.Single(_retention.DueActions(id, ValueTier.Lead, LifecycleStage.Decline, ChurnRiskBand.High, AsOf));
            Assert.Equal(RetentionActionKind.PlannedExit, exit.Kind);
        }

        [Property]
        public bool Keys_are_stable_across_re_evaluation(Guid customer, byte tier, byte stage, byte risk, ushort days)
        {
            if (customer == Guid.Empty) return true;
            var t = (ValueTier)(tier % 4 + 1);
            var s = (LifecycleStage)(stage % 4 + 1);
            var r = (ChurnRiskBand)(risk % 3 + 1);
            var first = _retention.DueActions(customer, t, s, r, AsOf);
            var again = _retention.DueActions(customer, t, s, r, AsOf.AddDays(days));
            return first.Select(a => a.Key).SequenceEqual(again.Select(a => a.Key))
                && first.All(a => a.Key == RetentionPolicy.KeyFor(customer, a.Kind))
                && first.Select(a => a.Key).Distinct().Count() == first.Count;
        }
    }
}
