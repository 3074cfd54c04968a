using System;
using System.Linq;
using CrmExtensions.Domain.Analytics;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LostCustomerAnalysisTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        private static LostCustomer Lost(ValueTier tier, LifecyclePattern pattern, LossCauseFamily? family, int lostDaysAgo, int? backDaysAgo = null) =>
            new LostCustomer(new CustomerLossRecord(Guid.NewGuid(), AsOf.AddDays(-lostDaysAgo), LossDetection.NoPurchase, family, null, null,
                backDaysAgo.HasValue ? AsOf.AddDays(-backDaysAgo.Value) : (DateTime?)null, tier), LifecycleStage.Decline, pattern);

        [Fact]
        public void Causes_by_tier_and_by_how_far_the_relationship_got_recovered_share_and_time_to_recovery()
        {
            var analysis = LostCustomerAnalysis.Of(new[]
            {
                Lost(ValueTier.Gold, LifecyclePattern.LongLasting, LossCauseFamily.Competitor, 300, 200),
                Lost(ValueTier.Gold, LifecyclePattern.EarlyExit, LossCauseFamily.OurSide, 200),
                Lost(ValueTier.Lead, LifecyclePattern.EarlyAbort, null, 100, 40),
                Lost(ValueTier.Platinum, LifecyclePattern.LongLasting, LossCauseFamily.Competitor, 50),
            });
            Assert.Equal(4, analysis.Lost);
            Assert.Equal(2, analysis.Recovered);
            Assert.Equal(0.5, analysis.RecoveredShare);
            Assert.Equal(80, analysis.MedianDaysToRecovery); // 100 and 60 days
            Assert.Equal(new[] { "Platinum", "Gold", "Lead" }, analysis.ByTier.Select(b => b.Group));
            var gold = analysis.ByTier.Single(b => b.Group == "Gold");
            Assert.Equal(1, gold.ByFamily[LossCauseFamily.Competitor]);
            Assert.Equal(1, gold.ByFamily[LossCauseFamily.OurSide]);
            Assert.Equal(1, analysis.ByTier.Single(b => b.Group == "Lead").NotRecorded);
            Assert.Equal(2, analysis.ByEnding.Single(b => b.Group == "LongLasting").ByFamily[LossCauseFamily.Competitor]);
        }

        [Fact]
        public void Without_losses_there_is_nothing_to_share_out()
        {
            var analysis = LostCustomerAnalysis.Of(null);
            Assert.Null(analysis.RecoveredShare);
            Assert.Null(analysis.MedianDaysToRecovery);
            Assert.Empty(analysis.ByTier);
        }
    }
}
