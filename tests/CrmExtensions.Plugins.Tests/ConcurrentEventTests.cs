using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// Many events for one customer processed at once by the asynchronous service's workers: each evaluation reads the
    /// customer, applies its own record and writes under the RowVersion it read, so most writes meet a newer row. None
    /// of them may lose its fact.
    /// </summary>
    public class ConcurrentEventTests
    {
        private readonly Org _org = new Org();

        private Entity EvaluatedAccount()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 20);
            _org.Recalculate(account);
            return account;
        }

        /// <summary>Every call a plug-in makes waits a little first, so workers interleave between each one's read and write.</summary>
        private void InjectLatency(int milliseconds) =>
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (scope.Depth > 0) Thread.Sleep(milliseconds);
                return null;
            };

        private CustomerFactsLedger Ledger(Entity customer) => CustomerFactsLedger.Parse(_org.Reload(customer).GetAttributeValue<string>(CustomerColumns.FactsLedger));

        private static IEnumerable<Guid> Live<T>(LedgerEntries<T> entries) where T : LedgerEntry, new() =>
            entries.Where(e => !e.Value.Removed).Select(e => e.Key).OrderBy(id => id);

        /// <summary>A ledger's JSON with every object's members in name order: entries are keyed by id, whatever order they were set in.</summary>
        private static string Canonical(string json)
        {
            JsonNode Sorted(JsonNode node) => node is JsonObject o
                ? new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value == null ? null : Sorted(p.Value))))
                : node is JsonArray a ? new JsonArray(a.Select(i => i == null ? null : Sorted(i)).ToArray()) : node.DeepClone();
            return Sorted(JsonNode.Parse(json)).ToJsonString();
        }

        [Theory]
        [InlineData(2, 6)]
        [InlineData(8, 24)]
        public void Parallel_events_for_one_customer_lose_no_fact(int workers, int orders)
        {
            var account = EvaluatedAccount();
            var service = _org.Admin;
            var created = Enumerable.Range(0, orders).Select(i => Org.PlaceOrder(service, account, 1000m + i, Org.Now.AddDays(-1 - i))).ToList();
            var complaints = Enumerable.Range(0, orders / 4).Select(i => service.Create(Org.Complaint(account, "Complaint " + i))).ToList();
            var surveys = Enumerable.Range(0, orders / 4).Select(i => service.Create(Org.Survey(account, 1m + i % 5))).ToList();
            var contacts = Enumerable.Range(0, orders / 4).Select(i => service.Create(new Entity(Contact.EntityLogicalName)
            {
                ["lastname"] = "Person " + i,
                [Contact.ParentCustomer] = account.ToEntityReference(),
                [Contact.Layer] = new OptionSetValue(Org.Option(ContactLayer.Operational)),
            })).ToList();
            // A moment later (the ledger orders a record's states by modifiedon), the first contact moves up to the decision layer.
            _org.Host.Clock = () => Org.Now.AddSeconds(1);
            service.Update(new Entity(Contact.EntityLogicalName, contacts[0]) { [Contact.Layer] = new OptionSetValue(Org.Option(ContactLayer.Decision)) });
            var completed = _org.OpenRetention(account).ToList();
            foreach (var activity in completed)
            {
                service.Update(new Entity(activity.LogicalName, activity.Id)
                {
                    [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                    [RetentionActivity.StatusCode] = new OptionSetValue(activity.LogicalName == RetentionActivity.PhoneCall ? 2 : 5),
                    [RetentionActivity.ActualEnd] = Org.Now,
                });
            }
            Assert.NotEmpty(completed);
            _org.Host.AsyncWorkers = workers;
            InjectLatency(1);

            _org.Host.ProcessAsyncQueue();

            _org.Host.FaultInjector = null;
            Assert.All(_org.Host.AsyncJobs, j => Assert.True(j.Status == AsyncJobStatus.Succeeded, j.Step.Name + ": " + string.Join(" | ", j.Errors)));
            var fromEvents = Ledger(account);
            Assert.NotNull(fromEvents);
            Assert.Subset(new HashSet<Guid>(Live(fromEvents.Purchases)), new HashSet<Guid>(created));
            Assert.Subset(new HashSet<Guid>(Live(fromEvents.Complaints)), new HashSet<Guid>(complaints));
            Assert.Subset(new HashSet<Guid>(Live(fromEvents.Surveys)), new HashSet<Guid>(surveys));
            Assert.Subset(new HashSet<Guid>(Live(fromEvents.Contacts)), new HashSet<Guid>(contacts));
            Assert.Equal(ContactLayer.Decision, fromEvents.Contacts[contacts[0]].Layer);
            var plan = RetentionPlan.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            Assert.Subset(new HashSet<Guid>(plan.ClosedByUser), new HashSet<Guid>(completed.Select(a => a.Id)));

            // The ledger the events built is the one a full read builds from the records themselves.
            var json = _org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger);
            _org.Recalculate(account);
            Assert.Equal(Canonical(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger)), Canonical(json));
        }

        [Fact]
        public void An_event_whose_customer_keeps_changing_asks_the_platform_to_run_it_again_and_keeps_its_fact()
        {
            var account = EvaluatedAccount();
            var conflicts = 0;
            // Every write of this execution meets a newer row; the platform's next attempt gets through.
            _org.Host.FaultInjector = (request, scope) =>
                scope.Depth > 0 && request.RequestName == "Update" && request["Target"] is Entity e && e.LogicalName == Account.EntityLogicalName
                    && conflicts++ < CustomerRecalculation.EventWriteAttempts
                    ? new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.")
                    : null;
            var order = Org.PlaceOrder(_org.Admin, account, 4000m, Org.Now.AddDays(-1));

            _org.Host.ProcessAsyncQueue();

            // The order's header is no purchase; its totals' event is the one that meets the conflicts.
            Assert.All(_org.EvaluationJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            var job = _org.EvaluationJobs.Last();
            Assert.Equal(2, job.Attempts);
            Assert.Contains("kept changing", job.Errors.Single());
            Assert.Contains(order, Live(Ledger(account).Purchases));
        }
    }
}
