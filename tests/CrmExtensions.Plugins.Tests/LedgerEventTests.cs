using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// Events keep each customer's facts ledger current by record id; a full read (cx_RecalculateCustomer) rebuilds it.
    /// Whatever the events, their order, retries or a full read racing them, the two must agree.
    /// </summary>
    public class LedgerEventTests
    {
        private readonly Org _org = new Org();

        private static readonly string[] Compared =
        {
            CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.LifetimeProfit, CustomerColumns.Tier, CustomerColumns.RfmFrequency,
            CustomerColumns.RfmMonetary, CustomerColumns.RfmRecency, CustomerColumns.ReferralCount, CustomerColumns.CrossPurchaseBreadth, CustomerColumns.ChurnRisk,
            CustomerColumns.Satisfaction, CustomerColumns.LifecycleStage, CustomerColumns.LoyaltyLevel, CustomerColumns.PriceTolerance,
        };

        private string Assessment(Entity customer) => _org.Assessment(customer, Compared);

        private string RebuiltAssessment(Entity customer)
        {
            _org.Recalculate(customer);
            return Assessment(customer);
        }

        private Entity EvaluatedAccount(string name = "Contoso", decimal monthly = 2000m)
        {
            var account = _org.Account(name);
            _org.OrderHistory(account, monthly, months: 20);
            _org.Recalculate(account);
            return account;
        }

        private Guid Product(string family)
        {
            var product = new Entity(CrmExtensions.Plugins.Model.Product.EntityLogicalName) { ["name"] = family, [CrmExtensions.Plugins.Model.Product.Family] = family };
            _org.Host.Seed(product);
            return product.Id;
        }

        private void Line(Guid order, Guid product) =>
            _org.Host.Seed(new Entity(SalesOrderDetail.EntityLogicalName) { [SalesOrderDetail.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order),
                [SalesOrderDetail.Product] = new EntityReference(CrmExtensions.Plugins.Model.Product.EntityLogicalName, product) });

        [Fact]
        public void A_stream_of_events_ends_where_a_full_read_does()
        {
            var account = EvaluatedAccount();
            var other = EvaluatedAccount("Other");
            var service = _org.Admin;

            var big = Org.PlaceOrder(service, account, 9000m, Org.Now.AddDays(-2));
            Line(big, Product("hardware"));
            service.Update(new Entity(SalesOrder.EntityLogicalName, big) { [SalesOrder.TotalAmount] = new Money(9500m) });
            var cancelled = Org.PlaceOrder(service, account, 4000m, Org.Now.AddDays(-20));
            service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(SalesOrder.EntityLogicalName, cancelled), State = new OptionSetValue(SalesOrder.StateCanceled),
                Status = new OptionSetValue(4) });
            var deleted = Org.PlaceOrder(service, account, 3000m, Org.Now.AddDays(-40));
            service.Delete(SalesOrder.EntityLogicalName, deleted);
            var moved = Org.PlaceOrder(service, account, 2500m, Org.Now.AddDays(-50));
            service.Update(new Entity(SalesOrder.EntityLogicalName, moved) { [SalesOrder.Customer] = other.ToEntityReference() });
            Org.RaiseInvoice(service, account, 700m, Org.Now.AddDays(-3));
            var complaint = service.Create(Org.Complaint(account, "Late"));
            var resolution = new Entity(IncidentResolution.EntityLogicalName) { [IncidentResolution.Incident] = new EntityReference(Incident.EntityLogicalName, complaint) };
            service.Execute(new CloseIncidentRequest { IncidentResolution = resolution, Status = new OptionSetValue(5) });
            service.Create(Org.Complaint(account, "Broken"));
            var mistake = service.Create(Org.Complaint(account, "Logged by mistake"));
            service.Delete(Incident.EntityLogicalName, mistake);
            var duplicateSurvey = service.Create(Org.Survey(account, 1m));
            service.Delete(CxSurveyResponse.EntityLogicalName, duplicateSurvey);
            var survey = service.Create(Org.Survey(account, 2m));
            service.Update(new Entity(CxSurveyResponse.EntityLogicalName, survey) { [CxSurveyResponse.Score] = 3m });
            var referred = service.Create(new Entity(Account.EntityLogicalName) { [Account.Name] = "Referred", [CustomerColumns.ReferredBy] = account.ToEntityReference() });
            service.Create(new Entity(Account.EntityLogicalName) { [Account.Name] = "Referred too", [CustomerColumns.ReferredBy] = account.ToEntityReference() });
            var gone = service.Create(new Entity(Contact.EntityLogicalName) { ["lastname"] = "Referred, then deleted", [CustomerColumns.ReferredBy] = new EntityReference(Contact.EntityLogicalName,
                Guid.NewGuid()) });
            var referredAndDeleted = service.Create(new Entity(Account.EntityLogicalName) { [Account.Name] = "Referred, then deleted", [CustomerColumns.ReferredBy] = account.ToEntityReference() });
            service.Delete(Account.EntityLogicalName, referredAndDeleted);
            service.Delete(Contact.EntityLogicalName, gone);
            service.Update(new Entity(Account.EntityLogicalName, referred) { [CustomerColumns.ReferredBy] = other.ToEntityReference() });
            _org.Host.ProcessAsyncQueue();
            Assert.All(_org.Host.AsyncJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));

            var fromEvents = Assessment(account);
            var otherFromEvents = Assessment(other);
            Assert.Contains(CustomerColumns.ReferralCount + "=1", fromEvents);
            Assert.DoesNotContain(CustomerColumns.CrossPurchaseBreadth + "=0;", fromEvents); // the new order's line brought a family
            Assert.Equal(RebuiltAssessment(account), fromEvents);
            Assert.Equal(RebuiltAssessment(other), otherFromEvents);
        }

        [Fact]
        public void A_full_read_while_events_are_queued_counts_them_once()
        {
            var account = EvaluatedAccount();
            for (var i = 0; i < 3; i++) Org.PlaceOrder(_org.Admin, account, 6000m, Org.Now.AddDays(-1 - i));
            var rebuilt = RebuiltAssessment(account); // already sees the three orders

            _org.Host.ProcessAsyncQueue();

            // Two events an order (its header, then its totals), every one through.
            Assert.Equal(6, _org.EvaluationJobs.Count(j => j.Status == AsyncJobStatus.Succeeded));
            Assert.Equal(rebuilt, Assessment(account));
        }

        [Fact]
        public void A_redelivered_event_that_is_older_than_the_ledger_changes_nothing()
        {
            var account = EvaluatedAccount();
            var order = Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            var created = _org.EvaluationJobs.Last();
            _org.Host.Clock = () => Org.Now.AddMinutes(5);
            _org.Admin.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.TotalAmount] = new Money(100m) });
            _org.Host.ProcessAsyncQueue();
            var current = Assessment(account);

            _org.Host.Replay(created); // the create event again, late, carrying the old amount
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(current, Assessment(account));
            Assert.Equal(RebuiltAssessment(account), current);
        }

        [Fact]
        public void An_event_processed_after_a_newer_purchase_was_counted_is_evaluated_as_of_now()
        {
            var account = EvaluatedAccount();
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1)); // its event waits in the queue
            var later = Org.Now.AddDays(10);
            _org.Host.Clock = () => later;
            Org.PlaceOrder(_org.Admin, account, 6000m, later);
            _org.Recalculate(account); // counts both orders, as of ten days on

            _org.Host.ProcessAsyncQueue();

            Assert.All(_org.EvaluationJobs, j => Assert.True(j.Status == AsyncJobStatus.Succeeded, string.Join(" | ", j.Errors)));
            Assert.Equal(later, _org.Reload(account).GetAttributeValue<DateTime>(CustomerColumns.LastEvaluatedOn));
            Assert.Equal(RebuiltAssessment(account), Assessment(account));
        }

        [Fact]
        public void A_change_to_a_purchase_older_than_the_window_is_read_in_full_and_stays_exact()
        {
            var account = EvaluatedAccount();
            var old = Org.PlaceOrder(_org.Admin, account, 800m, Org.Now.AddMonths(-30));
            _org.Admin.Update(new Entity(SalesOrder.EntityLogicalName, old) { [SalesOrder.TotalAmount] = new Money(1800m) });
            _org.Host.ProcessAsyncQueue();
            var fromEvents = Assessment(account);
            Assert.Equal(RebuiltAssessment(account), fromEvents);
        }

        [Theory]
        [InlineData(50000)]
        [InlineData(1)] // every aggregate over one row refused: the read splits down to single days
        public void Purchases_from_the_earliest_date_dataverse_stores_count_in_the_lifetime_totals(int aggregateLimit)
        {
            var account = _org.Account();
            _org.OrderHistory(account, 2000m, months: 6);
            foreach (var date in new[] { new DateTime(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(1899, 12, 31, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(1900, 6, 1, 0, 0, 0, DateTimeKind.Utc) })
                _org.Host.Seed(Org.Order(account, 100m, date));
            _org.Host.MaxAggregateRecords = aggregateLimit;

            // A job's page runs outside any transaction, so the read splits where the platform refuses an aggregate
            // (a Custom API splits up front by the documented 50,000, which a lowered limit does not move).
            _org.RunJob(new StartRecalculationRequest { TableName = Account.EntityLogicalName, Rebuild = true });

            var earlier = CustomerFactsLedger.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger)).Earlier[SalesOrder.EntityLogicalName];
            Assert.Equal(3, earlier.Orders);
            Assert.Equal(300m, earlier.Revenue);
            Assert.Equal(new DateTime(1753, 1, 1), earlier.First);
        }

        [Fact]
        public void An_event_on_an_evaluated_customer_costs_the_settings_a_read_a_write_and_the_order_lines()
        {
            // The settings are read by every execution (a plug-in keeps nothing for its next invocation), then the customer and its write.
            var account = EvaluatedAccount();
            _org.Host.Calls.Reset();
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(4, _org.Host.Calls.FromStep("RecalculateCustomerOnChange"));

            _org.Host.Calls.Reset();
            _org.Admin.Create(Org.Survey(account, 5m));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(3, _org.Host.Calls.FromStep("RecalculateCustomerOnChange"));
        }

        [Fact]
        public void Completing_a_retention_activity_schedules_the_next_cycle_once()
        {
            var account = EvaluatedAccount(monthly: 5000m);
            var call = _org.OpenRetention(account).Single(a => a.LogicalName == RetentionActivity.PhoneCall);
            _org.Admin.Update(new Entity(RetentionActivity.PhoneCall, call.Id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(2),
                [RetentionActivity.ActualEnd] = Org.Now,
            });
            _org.Host.ProcessAsyncQueue();
            _org.Host.Replay(_org.Host.AsyncJobs.Last(j => j.Step.Name.Contains("TrackRetentionActivity")));
            _org.Host.ProcessAsyncQueue();

            var next = _org.OpenRetention(account).Where(a => a.LogicalName == RetentionActivity.PhoneCall).ToList();
            Assert.Single(next);
            Assert.NotEqual(call.Id, next[0].Id);
            Assert.Equal(call.GetAttributeValue<string>(RetentionActivity.Key), next[0].GetAttributeValue<string>(RetentionActivity.Key));
            Assert.True(next[0].GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd) > Org.Now);
            Assert.Equal(RetentionActivity.StateCompleted, _org.Reload(call).GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode).Value);

            var open = _org.OpenRetention(account).Select(a => a.Id).OrderBy(id => id).ToList();
            RebuiltAssessment(account); // a full read agrees: nothing to create or cancel
            Assert.Equal(open, _org.OpenRetention(account).Select(a => a.Id).OrderBy(id => id).ToList());
        }

        [Fact]
        public void A_retention_activity_a_user_deletes_is_let_go_and_replaced()
        {
            var account = EvaluatedAccount(monthly: 5000m);
            var task = _org.OpenRetention(account).First(a => a.LogicalName == RetentionActivity.Task);
            _org.Admin.Delete(RetentionActivity.Task, task.Id);
            _org.Host.ProcessAsyncQueue();

            Assert.All(_org.Host.AsyncJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            var replacement = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key) == task.GetAttributeValue<string>(RetentionActivity.Key));
            Assert.NotEqual(task.Id, replacement.Id);
            var plan = RetentionPlan.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            Assert.Contains(task.Id, plan.ClosedByUser);
        }

        [Fact]
        public void A_plan_change_never_cancels_or_moves_an_activity_a_user_closed_meanwhile()
        {
            var account = EvaluatedAccount(monthly: 5000m);
            var open = _org.OpenRetention(account);
            var call = open.Single(a => a.LogicalName == RetentionActivity.PhoneCall);
            var task = open.First(a => a.LogicalName == RetentionActivity.Task);
            // The user completes the call; its event has not reached the plan when the plan next changes.
            _org.Admin.Update(new Entity(RetentionActivity.PhoneCall, call.Id) { [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(2) });
            var plan = RetentionPlan.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            plan.Materialized = false;
            plan.Open.Remove(call.GetAttributeValue<string>(RetentionActivity.Key));
            var taskPlan = plan.Open[task.GetAttributeValue<string>(RetentionActivity.Key)];
            taskPlan.DueOn = taskPlan.DueOn.AddDays(7);

            _org.Admin.Update(new Entity(Account.EntityLogicalName, account.Id) { [CustomerColumns.RetentionPlan] = plan.Serialize() });

            Assert.Equal(RetentionActivity.StateCompleted, _org.Reload(call).GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode).Value);
            Assert.Equal(DueDay.ToScheduledEnd(taskPlan.DueOn), _org.Reload(task).GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd));
        }
    }
}
