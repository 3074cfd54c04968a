using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// Retention activity ids follow from the customer, the key and the cycle, so retries and concurrent evaluations meet on
    /// one activity. Anyone who may create a phone call can work out such an id and take it first: that must never stop
    /// the customer's evaluation.
    /// </summary>
    public class TakenActivityIdTests
    {
        private readonly Org _org = new Org();

        private Entity ValuableAccount()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            return account;
        }

        private static Guid PlannedId(Entity customer, RetentionActionKind kind, string anchor = "first", int generation = 0) =>
            RetentionPlan.ActivityId(RetentionPolicy.KeyFor(customer.Id, kind) + "|" + anchor + "|" + generation);

        /// <summary>A sales clerk's own phone call under an id of their choosing, about nothing of the customer's.</summary>
        private Guid Take(Guid id) => _org.As(_org.Clerk).Create(new Entity(RetentionActivity.PhoneCall, id) { [RetentionActivity.Subject] = "Mine" });

        private void AssertUntouched(Guid id)
        {
            var call = _org.Reload(new Entity(RetentionActivity.PhoneCall, id));
            Assert.Equal("Mine", call.GetAttributeValue<string>(RetentionActivity.Subject));
            Assert.Equal(RetentionActivity.StateOpen, call.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode).Value);
            Assert.Null(call.GetAttributeValue<EntityReference>(RetentionActivity.Regarding));
        }

        [Fact]
        public void Ids_taken_for_every_kind_and_the_next_cycle_stop_neither_a_full_read_nor_a_job()
        {
            var account = ValuableAccount();
            var taken = Enum.GetValues(typeof(RetentionActionKind)).Cast<RetentionActionKind>()
                .SelectMany(kind => new[] { PlannedId(account, kind), PlannedId(account, kind, generation: 1) }).Select(Take).ToList();

            _org.Recalculate(account);
            var job = _org.RunJob(new StartRecalculationRequest { Rebuild = true });

            Assert.Equal(0, job.GetAttributeValue<int>(RecalculationJob.Failed));
            var open = _org.OpenRetention(account);
            Assert.NotEmpty(open);
            Assert.DoesNotContain(open, a => taken.Contains(a.Id));
            Assert.Equal(open.Length, open.Select(a => a.GetAttributeValue<string>(RetentionActivity.Key)).Distinct().Count());
            taken.ForEach(AssertUntouched);
        }

        [Fact]
        public void An_id_taken_for_the_next_cycle_never_stops_the_event_that_plans_it()
        {
            var account = ValuableAccount();
            _org.Recalculate(account);
            var call = _org.OpenRetention(account).Single(a => a.LogicalName == RetentionActivity.PhoneCall);
            var key = call.GetAttributeValue<string>(RetentionActivity.Key);
            var kind = Enum.GetValues(typeof(RetentionActionKind)).Cast<RetentionActionKind>().Single(k => RetentionPolicy.KeyFor(account.Id, k) == key);
            var next = Take(PlannedId(account, kind, anchor: Org.Now.ToString("o")));

            _org.Admin.Update(new Entity(RetentionActivity.PhoneCall, call.Id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(2),
                [RetentionActivity.ActualEnd] = Org.Now,
            });
            _org.Host.ProcessAsyncQueue();

            Assert.All(_org.EvaluationJobs, j => Assert.True(j.Status == AsyncJobStatus.Succeeded, string.Join(" | ", j.Errors)));
            var replacement = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key) == key);
            Assert.NotEqual(next, replacement.Id);
            AssertUntouched(next);
        }
    }
}
