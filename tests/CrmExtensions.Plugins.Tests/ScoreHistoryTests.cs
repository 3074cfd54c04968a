using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.History;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// The score history as the registered steps write it: one row per evaluation that moves a tracked score, with what
    /// moved, the reasons then and the trigger (event, recalculation, job, override, direct edit); nothing for an
    /// evaluation that moves nothing; rows past the retention period removed when the customer's next change arrives.
    /// </summary>
    public class ScoreHistoryTests
    {
        private readonly Org _org = new Org();

        private Entity[] History(Entity customer) =>
            _org.Host.Store.Rows(CustomerScoreChange.EntityLogicalName)
                .Where(r => r.GetAttributeValue<EntityReference>(CustomerScoreChange.Customer)?.Id == customer.Id)
                .ToArray();

        /// <summary>The one row a trigger of this kind left (the host's clock stands still, so rows are told apart by what they say).</summary>
        private Entity ByTrigger(Entity customer, ScoreChangeTriggerChoice trigger) => Assert.Single(History(customer), r => Choice(r, CustomerScoreChange.Trigger) == (int)trigger);

        private static int? Choice(Entity row, string column) => row.GetAttributeValue<OptionSetValue>(column)?.Value;

        private static OptionSetValue Tier(ValueTier tier) => new OptionSetValue(Org.Option(tier));

        [Fact]
        public void An_order_that_moves_the_tier_records_one_row_with_the_event_and_repeating_it_records_nothing()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 100m, months: 24);
            _org.Recalculate(account);
            var first = Assert.Single(History(account));
            Assert.Equal((int)ScoreChangeTriggerChoice.Recalculation, Choice(first, CustomerScoreChange.Trigger));
            Assert.StartsWith("Changed: tier", first.GetAttributeValue<string>(CustomerScoreChange.Name));
            Assert.Null(Choice(first, CustomerScoreChange.TierFrom));
            Assert.Equal(Org.Option(ValueTier.Lead), Choice(first, CustomerScoreChange.TierTo));

            var order = Org.PlaceOrder(_org.Admin, account, 60000m, Org.Now.AddDays(-2));
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(2, History(account).Length);
            var change = ByTrigger(account, ScoreChangeTriggerChoice.Event);
            Assert.Equal(Org.Option(ValueTier.Lead), Choice(change, CustomerScoreChange.TierFrom));
            Assert.Equal(_org.Tier(account), Choice(change, CustomerScoreChange.TierTo));
            Assert.NotEqual(Org.Option(ValueTier.Lead), _org.Tier(account));
            Assert.Equal((int)ScoreChangeTriggerChoice.Event, Choice(change, CustomerScoreChange.Trigger));
            // The header's Create moves no score; the tier moves when the order's totals arrive.
            Assert.Equal($"Update of salesorder {order:D}", change.GetAttributeValue<string>(CustomerScoreChange.TriggerDetail));
            Assert.Equal(_org.Reload(account).GetAttributeValue<int>(CustomerColumns.ChurnRisk), change.GetAttributeValue<int?>(CustomerScoreChange.ChurnRisk));

            _org.Recalculate(account);
            Assert.Equal(2, History(account).Length);
        }

        [Fact]
        public void The_top_churn_reasons_of_the_moment_travel_with_the_change()
        {
            // Three reasons (the purchase outlook, falling satisfaction, a complaint); the history keeps the top two.
            _org.Admin.Create(new Entity(Setting.EntityLogicalName) { [Setting.Name] = Setting.ActiveSettingsName, [Setting.Value] = @"{ ""history"": { ""topReasons"": 2 } }" });
            var account = _org.Account();
            _org.OrderHistory(account, 3000m, months: 24, skipRecentMonths: 10);
            var earlier = Org.Survey(account, 5m);
            earlier[CxSurveyResponse.AnsweredOn] = Org.Now.AddDays(-60);
            _org.Host.Seed(earlier);
            _org.Host.Seed(Org.Survey(account, 2m));
            _org.Admin.Create(Org.Complaint(account, "Late delivery"));
            _org.Recalculate(account);

            var reasons = _org.Reload(account).GetAttributeValue<string>(CustomerColumns.ChurnReasons).Split("; ");
            Assert.Equal(3, reasons.Length);
            var row = Assert.Single(History(account));
            Assert.Equal((int)ChurnRiskBandChoice.High, Choice(row, CustomerScoreChange.ChurnBandTo));
            Assert.Equal(reasons.Take(2), row.GetAttributeValue<string>(CustomerScoreChange.TopReasons).Split('\n'));
        }

        [Fact]
        public void A_managers_override_is_recorded_with_its_reason_and_a_refused_one_leaves_no_row()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 100m, months: 12);
            _org.Recalculate(account);
            var before = History(account).Length;

            Assert.Throws<InvalidPluginExecutionException>(() => _org.As(_org.Clerk).Update(new Entity(Account.EntityLogicalName, account.Id)
            {
                [CustomerColumns.Tier] = Tier(ValueTier.Platinum), [CustomerColumns.TierOverride] = true, [CustomerColumns.TierOverrideReason] = "Strategic reference customer",
            }));
            Assert.Equal(before, History(account).Length);

            _org.As(_org.Manager).Update(new Entity(Account.EntityLogicalName, account.Id)
            {
                [CustomerColumns.Tier] = Tier(ValueTier.Platinum), [CustomerColumns.TierOverride] = true, [CustomerColumns.TierOverrideReason] = "Strategic reference customer",
            });
            var row = ByTrigger(account, ScoreChangeTriggerChoice.Override);
            Assert.Equal($"Strategic reference customer (by user {_org.Manager:D})", row.GetAttributeValue<string>(CustomerScoreChange.TriggerDetail));
            Assert.Equal("Changed: tier", row.GetAttributeValue<string>(CustomerScoreChange.Name));
        }

        [Fact]
        public void A_user_cannot_pass_an_edit_off_as_an_evaluation_by_writing_its_trigger()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 100m, months: 12);
            _org.Recalculate(account);

            // The manager may override the tier, but not say a job did it.
            Entity Override() => new Entity(Account.EntityLogicalName, account.Id)
            {
                [CustomerColumns.Tier] = Tier(ValueTier.Platinum), [CustomerColumns.TierOverride] = true, [CustomerColumns.TierOverrideReason] = "Strategic reference customer",
            };
            var forged = Override();
            forged[CustomerColumns.LastEvaluationTrigger] = new ScoreTrigger(TriggerKind.Job, "Nightly refresh").ToStamp();

            var error = Assert.Throws<DataverseFaultException>(() => _org.As(_org.Manager).Update(forged));

            Assert.Equal(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, error.Detail.ErrorCode);
            Assert.Single(History(account));
            _org.As(_org.Manager).Update(Override());
            Assert.Equal(ScoreChangeTriggerChoice.Override, (ScoreChangeTriggerChoice)History(account).Select(r => Choice(r, CustomerScoreChange.Trigger)).Max()!.Value);
        }

        [Fact]
        public void A_recalculation_job_is_recorded_with_its_name_and_a_write_no_evaluation_made_as_a_direct_edit()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 100m, months: 12);
            _org.RunJob(new StartRecalculationRequest { Name = "Nightly refresh" });
            var job = Assert.Single(History(account));
            var jobId = Assert.Single(_org.Host.Store.Rows(RecalculationJob.EntityLogicalName)).Id;
            Assert.Equal((int)ScoreChangeTriggerChoice.Job, Choice(job, CustomerScoreChange.Trigger));
            Assert.Equal($"Nightly refresh ({jobId:D})", job.GetAttributeValue<string>(CustomerScoreChange.TriggerDetail));

            _org.Admin.Update(new Entity(Account.EntityLogicalName, account.Id) { [CustomerColumns.ChurnRiskBand] = new OptionSetValue((int)ChurnRiskBandChoice.High) });
            var edit = ByTrigger(account, ScoreChangeTriggerChoice.DirectEdit);
            Assert.Equal((int)ChurnRiskBandChoice.High, Choice(edit, CustomerScoreChange.ChurnBandTo));
            Assert.Null(Choice(edit, CustomerScoreChange.TierTo));
        }

        [Fact]
        public void Rows_past_the_retention_period_go_when_the_customer_s_next_change_is_recorded()
        {
            var account = _org.Account();
            var other = _org.Account("Fabrikam");
            _org.OrderHistory(account, 100m, months: 12);
            Entity Old(Entity customer, int daysAgo) => new Entity(CustomerScoreChange.EntityLogicalName)
            {
                [CustomerScoreChange.Name] = $"{daysAgo} days ago",
                [CustomerScoreChange.Customer] = customer.ToEntityReference(),
                [Common.OverriddenCreatedOn] = Org.Now.AddDays(-daysAgo),
            };
            _org.Host.Seed(Old(account, 800), Old(account, 700), Old(other, 800));

            _org.Recalculate(account);
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(new[] { "700 days ago", "Changed: tier, churn risk band, lifecycle stage, loyalty level" },
                History(account).Select(r => r.GetAttributeValue<string>(CustomerScoreChange.Name)).OrderBy(n => n));
            Assert.Single(History(other));
        }
    }
}
