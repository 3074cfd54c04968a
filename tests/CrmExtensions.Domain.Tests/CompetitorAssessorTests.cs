using System;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Competition;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class CompetitorAssessorTests
    {
        private static readonly DateTime AsOf = Build.AsOf;
        private readonly CompetitorAssessor _competitors = new CompetitorAssessor(Build.Settings.Competition);

        private static CompetitorSignal Recorded(string name, CompetitorTrend trend, int daysAgo, int? satisfaction = null) =>
            new CompetitorSignal(Guid.NewGuid(), name, CompetitorSignalKind.Recorded, AsOf.AddDays(-daysAgo), trend, satisfaction,
                CompetitorRelationship.Strong, "Jane Roe", "ERP suite");

        [Fact]
        public void A_competitor_gaining_ground_is_a_named_reason_with_what_we_know()
        {
            var reasons = _competitors.Assess(new[] { Recorded("Fabrikam", CompetitorTrend.GainingGround, 50, 4) }, AsOf);
            var reason = Assert.Single(reasons);
            Assert.Equal(ChurnReasonCode.CompetitorGainingGround, reason.Code);
            Assert.Equal(20, reason.Points);
            Assert.Equal("Competitor gaining ground: Fabrikam (recorded 2026-09-12; uses ERP suite; satisfaction with their products 4 of 5; "
                + "their representative Jane Roe has a strong relationship)", reason.Description);
        }

        [Fact]
        public void A_competitor_holding_or_losing_ground_or_recorded_long_ago_raises_nothing()
        {
            Assert.Empty(_competitors.Assess(new[]
            {
                Recorded("Fabrikam", CompetitorTrend.Holding, 10),
                Recorded("Litware", CompetitorTrend.LosingGround, 10),
                Recorded("Northwind", CompetitorTrend.GainingGround, 400),
            }, AsOf));
        }

        [Fact]
        public void Opportunities_lost_to_competitors_are_one_reason_listing_them()
        {
            var reasons = _competitors.Assess(new[]
            {
                new CompetitorSignal(Guid.NewGuid(), "Fabrikam", CompetitorSignalKind.LostOpportunity, AsOf.AddDays(-30)),
                new CompetitorSignal(Guid.NewGuid(), "Litware", CompetitorSignalKind.LostOpportunity, AsOf.AddDays(-90)),
            }, AsOf);
            var reason = Assert.Single(reasons);
            Assert.Equal(ChurnReasonCode.LostToCompetitor, reason.Code);
            Assert.Equal("Lost 2 opportunities to competitors in the last 365 days: Fabrikam (2026-10-02), Litware (2026-08-03)", reason.Description);
        }

        [Fact]
        public void Both_signals_raise_the_churn_score_as_independent_risks()
        {
            var settings = Build.Settings;
            var churn = new ChurnWarning(settings, new Purchases.PurchaseModel(settings.PurchaseModel));
            var none = churn.Assess(Purchases.PurchaseSummary.None(8), null, null, AsOf);
            var raised = churn.WithReasons(none, _competitors.Assess(new[]
            {
                Recorded("Fabrikam", CompetitorTrend.GainingGround, 5),
                new CompetitorSignal(Guid.NewGuid(), "Fabrikam", CompetitorSignalKind.LostOpportunity, AsOf.AddDays(-5)),
            }, AsOf));
            Assert.Equal(32, raised.Score); // 1 - 0.8 × 0.85
            Assert.Equal(ChurnRiskBand.Medium, raised.Band);
            Assert.Equal(new[] { ChurnReasonCode.CompetitorGainingGround, ChurnReasonCode.LostToCompetitor }, raised.Reasons.Select(r => r.Code));
        }

        [Fact]
        public void Satisfaction_outside_one_to_five_is_refused()
        {
            var error = Assert.Throws<DomainValidationException>(() => Recorded("Fabrikam", CompetitorTrend.Holding, 1, 7));
            Assert.Contains("Satisfaction with a competitor's products is 1–5 (got 7", error.Message);
        }
    }
}
