using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Analytics;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LifecycleKpisTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        private static KpiCustomer Customer(LifecycleStage stage, params (int DaysAgo, string Family)[] purchases) => new KpiCustomer
        {
            Stage = stage,
            Purchases = purchases.Select(p => new KpiPurchase(AsOf.AddDays(-p.DaysAgo), p.Family)).ToList(),
        };

        private static StageKpi Kpi(IReadOnlyList<StageKpi> kpis, string name) => kpis.Single(k => k.Name == name);

        private static IReadOnlyList<StageKpi> Compute(params KpiCustomer[] customers) => LifecycleKpis.Compute(customers, 3, 8, AsOf, Build.Settings);

        [Fact]
        public void Acquisition_counts_new_customers_among_exploring_buyers_and_the_opportunity_win_rate()
        {
            var kpis = Compute(Customer(LifecycleStage.Exploration, (30, "A")), Customer(LifecycleStage.Exploration, (500, "A"), (60, "A")),
                Customer(LifecycleStage.Exploration, (700, "A")), Customer(LifecycleStage.Stability, (20, "A")));
            var fresh = Kpi(kpis, "New customers");
            Assert.Equal((1, 2), (fresh.NumeratorCount, fresh.DenominatorCount));
            Assert.Equal("first purchase in the period", fresh.Numerator);
            Assert.Equal(0.375, Kpi(kpis, "Opportunity win rate").Rate);
        }

        [Fact]
        public void Growth_repeat_and_cross_sell_count_only_forming_customers_and_new_families_after_the_first_purchase()
        {
            var kpis = Compute(
                Customer(LifecycleStage.Formation, (300, "A"), (100, "A"), (20, "B")), // repeat, and B is new to it
                Customer(LifecycleStage.Formation, (200, "A"), (50, "A")),             // repeat, nothing new
                Customer(LifecycleStage.Formation, (40, "C")),                         // first purchase only: not a cross-sell
                Customer(LifecycleStage.Stability, (30, "A"), (10, "D")));
            Assert.Equal((2, 3), (Kpi(kpis, "Repeat rate").NumeratorCount, Kpi(kpis, "Repeat rate").DenominatorCount));
            var cross = Kpi(kpis, "Cross-sell rate");
            Assert.Equal((1, 2), (cross.NumeratorCount, cross.DenominatorCount));
        }

        [Fact]
        public void Satisfaction_is_the_share_of_satisfied_answers_and_empty_stages_have_no_rate()
        {
            var forming = Customer(LifecycleStage.Formation, (100, "A"), (10, "A"));
            forming.SurveyScores = new[] { new KeyValuePair<DateTime, decimal>(AsOf.AddDays(-30), 4m), new KeyValuePair<DateTime, decimal>(AsOf.AddDays(-60), 2m),
                new KeyValuePair<DateTime, decimal>(AsOf.AddDays(-900), 5m) };
            var kpis = Compute(forming);
            Assert.Equal(0.5, Kpi(kpis, "Satisfaction").Rate);
            Assert.Null(Kpi(kpis, "Complaint rate").Rate); // no stable customer: nothing measured, not 0 %
        }

        [Fact]
        public void Retention_counts_repeats_within_the_customers_own_cycle_and_complaints()
        {
            var onCycle = Customer(LifecycleStage.Stability, (120, "A"), (90, "A"), (60, "A"), (30, "A"));
            var late = Customer(LifecycleStage.Stability, (400, "A"), (390, "A"), (380, "A"), (10, "A")); // usual 130, last gap 370
            late.ComplaintsOpenedOn = new[] { AsOf.AddDays(-15) };
            var kpis = Compute(onCycle, late);
            Assert.Equal((1, 2), (Kpi(kpis, "Repeat within the expected cycle").NumeratorCount, Kpi(kpis, "Repeat within the expected cycle").DenominatorCount));
            Assert.Equal(0.5, Kpi(kpis, "Complaint rate").Rate);
        }

        [Fact]
        public void Loss_churn_causes_and_win_back_rate_follow_the_loss_records()
        {
            CustomerLossRecord Loss(int daysAgo, LossCauseFamily? family, int? backDaysAgo = null) =>
                new CustomerLossRecord(Guid.NewGuid(), AsOf.AddDays(-daysAgo), LossDetection.NoPurchase, family, null, null,
                    backDaysAgo.HasValue ? AsOf.AddDays(-backDaysAgo.Value) : (DateTime?)null);
            var lostNow = Customer(LifecycleStage.Decline, (700, "A"), (500, "A"));
            lostNow.Losses = new[] { Loss(100, LossCauseFamily.Competitor) };
            var lostAndBack = Customer(LifecycleStage.Formation, (800, "A"), (20, "A"));
            lostAndBack.Losses = new[] { Loss(500, null, 20) };
            var stayed = Customer(LifecycleStage.Stability, (600, "A"), (30, "A"));
            var kpis = Compute(lostNow, lostAndBack, stayed);
            var churn = Kpi(kpis, "Churn rate");
            Assert.Equal((1, 2), (churn.NumeratorCount, churn.DenominatorCount)); // lostAndBack was lost at the start of the period
            Assert.Equal("OurSide 0, Competitor 1, CustomerSide 0, not recorded 0", Kpi(kpis, "Causes recorded").Detail);
            var winBack = Kpi(kpis, "Win-back rate");
            Assert.Equal((1, 2), (winBack.NumeratorCount, winBack.DenominatorCount));
            Assert.Equal("lost customers who bought again", winBack.Numerator);
        }

        [Fact]
        public void Bad_opportunity_counts_are_refused()
        {
            Assert.Throws<DomainValidationException>(() => LifecycleKpis.Compute(Array.Empty<KpiCustomer>(), 5, 3, AsOf, Build.Settings));
        }
    }
}
