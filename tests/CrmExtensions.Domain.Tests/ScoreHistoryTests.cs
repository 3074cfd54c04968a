using System;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.History;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class ScoreHistoryTests
    {
        private static readonly HistorySettings Settings = SettingsLoader.Load(null).History;
        private static readonly ScoreTrigger Order = ScoreTrigger.ForEvent("Create", "salesorder", new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"));

        private static ScoreState Gold(ChurnRiskBand band = ChurnRiskBand.Low) => new ScoreState(ValueTier.Gold, band, LifecycleStage.Stability, LoyaltyLevel.Trust);

        [Fact]
        public void A_change_with_a_single_reason_keeps_it_without_asking_the_settings()
        {
            var change = ScoreHistory.Between(Gold(), new ScoreState(ValueTier.Lead, ChurnRiskBand.High, LifecycleStage.Decline, LoyaltyLevel.None), "No purchase for 210 days",
                Order, () => throw new InvalidOperationException("not needed"));
            Assert.Equal(new[] { "No purchase for 210 days" }, change.TopReasons);
        }

        [Fact]
        public void An_evaluation_that_moves_none_of_the_four_scores_writes_nothing()
        {
            // Nothing moved: the settings are not even asked for (a plug-in reads them only when a row is recorded).
            Assert.Null(ScoreHistory.Between(Gold(), Gold(), "Purchase value fell 40%", Order, () => throw new InvalidOperationException("not needed")));
        }

        [Fact]
        public void A_change_records_what_moved_from_and_to_the_strongest_reasons_then_and_the_trigger()
        {
            var after = new ScoreState(ValueTier.Platinum, ChurnRiskBand.High, LifecycleStage.Stability, LoyaltyLevel.Trust);
            var change = ScoreHistory.Between(Gold(), after, "No purchase for 210 days; Satisfaction dropped 50%; 2 open complaints; Purchase value fell 45%", Order, () => Settings);

            Assert.Equal("Tier Gold → Platinum; Churn risk band Low → High", change.Summary);
            Assert.Equal("Changed: tier, churn risk band", change.Title);
            Assert.True(change.TierChanged && change.ChurnBandChanged);
            Assert.False(change.StageChanged || change.LoyaltyChanged);
            Assert.Equal(new[] { "No purchase for 210 days", "Satisfaction dropped 50%", "2 open complaints" }, change.TopReasons);
            Assert.Same(Order, change.Trigger);
        }

        [Fact]
        public void The_first_evaluation_is_recorded_from_none()
        {
            var change = ScoreHistory.Between(new ScoreState(null, null, null, null), Gold(), null, Order, () => Settings);
            Assert.Equal("Tier none → Gold; Churn risk band none → Low; Lifecycle stage none → Stability; Loyalty level none → Trust", change.Summary);
            Assert.Empty(change.TopReasons);
        }

        [Fact]
        public void A_trigger_travels_as_one_string_and_anything_else_is_no_trigger()
        {
            var job = new ScoreTrigger(TriggerKind.Job, "Bulk recalculation | page 3");
            var back = ScoreTrigger.FromStamp(job.ToStamp());
            Assert.Equal(TriggerKind.Job, back.Kind);
            Assert.Equal("Bulk recalculation | page 3", back.Detail);
            Assert.Equal("Create of salesorder 6f9619ff-8b86-d011-b42d-00c04fc964ff", Order.Detail);
            Assert.Null(ScoreTrigger.FromStamp("true"));
            Assert.Null(ScoreTrigger.FromStamp("9|unknown kind"));
        }

        [Fact]
        public void Rows_are_kept_for_the_retention_period()
        {
            var now = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
            Assert.Equal(730, Settings.RetentionDays);
            Assert.Equal(now.AddDays(-730), ScoreHistory.KeepFrom(now, Settings));
        }
    }
}
