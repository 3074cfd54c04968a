using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>The host is told to fail at a chosen call; what the platform would leave behind is checked.</summary>
    public class FaultToleranceTests
    {
        private readonly Org _org = new Org();

        private Entity ValuableAccount(string name = "Contoso")
        {
            var account = _org.Account(name);
            _org.OrderHistory(account, 5000m, months: 24);
            return account;
        }

        private static bool IsCreateOf(OrganizationRequest request, string table) =>
            request.RequestName == "Create" && request["Target"] is Entity e && e.LogicalName == table;

        [Fact]
        public void A_sync_failure_part_way_through_a_recalculation_leaves_nothing_behind()
        {
            var account = ValuableAccount();
            var creates = 0;
            _org.Host.FaultInjector = (request, scope) =>
                IsCreateOf(request, RetentionActivity.Task) && ++creates == 2 ? new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch, "Generic SQL error") : null;

            Assert.Throws<DataverseFaultException>(() => _org.Admin.Execute(new RecalculateCustomerRequest { Target = account.ToEntityReference() }));

            var row = _org.Reload(account);
            Assert.False(row.Contains(CustomerColumns.Tier));
            Assert.False(row.Contains(CustomerColumns.LastEvaluatedOn));
            Assert.Empty(_org.Host.Store.Rows(RetentionActivity.Task));
            Assert.Empty(_org.Host.Store.Rows(RetentionActivity.PhoneCall));
        }

        [Fact]
        public void A_retried_async_recalculation_neither_duplicates_tasks_nor_double_counts()
        {
            var reference = ValuableAccount("Reference");
            Org.PlaceOrder(_org.Admin, reference, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            var account = ValuableAccount("Faulted");
            var failed = false;
            _org.Host.FaultInjector = (request, scope) =>
                !failed && scope.Depth > 0 && IsCreateOf(request, RetentionActivity.PhoneCall) && (failed = true) ? new TimeoutException("SQL timeout") : null;
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            var job = _org.EvaluationJobs.Single(j => j.Errors.Count > 0);
            Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
            Assert.Equal(2, job.Attempts);
            Assert.Equal(_org.OpenRetention(reference).Length, _org.OpenRetention(account).Length);
            Assert.Equal(_org.OpenRetention(account).Length, _org.OpenRetention(account).Select(a => a.GetAttributeValue<string>(RetentionActivity.Key)).Distinct().Count());
            Assert.Equal(_org.Reload(reference).GetAttributeValue<Money>(CustomerColumns.CurrentValue), _org.Reload(account).GetAttributeValue<Money>(CustomerColumns.CurrentValue));
        }

        [Fact]
        public void A_concurrent_evaluation_that_committed_first_is_converged_on_not_duplicated()
        {
            var account = ValuableAccount();
            var call = RetentionPolicy.KeyFor(account.Id, RetentionActionKind.FollowUpCall);
            var raced = false;
            // Between this evaluation's reads and its writes, another evaluation commits the same follow-up call.
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (!raced && scope.Depth > 0 && IsCreateOf(request, RetentionActivity.PhoneCall))
                {
                    raced = true;
                    _org.Host.Seed(new Entity(RetentionActivity.PhoneCall, CrmExtensions.Domain.Retention.RetentionPlan.ActivityId(call + "|first|0"))
                    {
                        [RetentionActivity.Key] = call,
                        [RetentionActivity.Action] = new OptionSetValue(Choice.ToOption(RetentionActionKind.FollowUpCall)),
                        [RetentionActivity.Subject] = "Follow-up call (Gold customer)",
                        [RetentionActivity.Regarding] = account.ToEntityReference(),
                        [RetentionActivity.ScheduledEnd] = Org.Now.Date,
                    });
                }
                return null;
            };
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            // The duplicate key is met and resolved inside the execution: the evaluation reads the activities again and adopts the call.
            var job = _org.EvaluationJobs.Last();
            Assert.True(raced);
            Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
            Assert.Equal(1, job.Attempts);
            var calls = _org.OpenRetention(account).Where(a => a.GetAttributeValue<string>(RetentionActivity.Key) == call).ToList();
            Assert.Single(calls);
            Assert.NotNull(_org.Tier(account));
        }

        [Fact]
        public void An_update_conflict_on_the_customer_is_retried_to_a_consistent_result()
        {
            var account = ValuableAccount();
            var conflicts = 0;
            _org.Host.FaultInjector = (request, scope) =>
                scope.Depth > 0 && request.RequestName == "Update" && ((Entity)request["Target"]).LogicalName == Account.EntityLogicalName && conflicts++ == 0
                    ? new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.")
                    : null;
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(AsyncJobStatus.Succeeded, _org.EvaluationJobs.Last().Status);
            Assert.Equal(5, _org.OpenRetention(account).Length); // the platinum cadence and meeting the decision maker, once each
        }

        [Fact]
        public void A_job_page_that_meets_activities_no_stored_plan_names_reads_the_customer_in_full_and_keeps_them()
        {
            var account = EvaluatedAccount("Half-written");
            var open = _org.OpenRetention(account).Select(a => a.Id).OrderBy(id => id).ToList();
            // Another writer created these activities and stopped before writing the customer: its stored plan names none.
            var row = _org.Host.Store.Get(Account.EntityLogicalName, account.Id);
            var stale = new Entity(row.LogicalName, row.Id);
            foreach (var column in row.Attributes) stale[column.Key] = column.Value;
            stale[CustomerColumns.RetentionPlan] = new RetentionPlan().Serialize();
            _org.Host.Store.Replace(stale);

            var job = _org.RunJob(new StartRecalculationRequest());

            Assert.Equal(0, job.GetAttributeValue<int>(RecalculationJob.Failed));
            Assert.Equal(open, _org.OpenRetention(account).Select(a => a.Id).OrderBy(id => id).ToList());
        }

        private Entity EvaluatedAccount(string name)
        {
            var account = ValuableAccount(name);
            _org.Recalculate(account);
            return account;
        }

        private string Assessment(Entity account) =>
            _org.Assessment(account, CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.ChurnRisk, CustomerColumns.RfmFrequency, CustomerColumns.Satisfaction);

        [Fact]
        public void Events_retried_after_faults_on_an_evaluated_customer_end_where_a_full_read_does()
        {
            var account = EvaluatedAccount("Retried");
            var faults = 0;
            // Each event's first attempt fails: a timeout writing the customer, then a version conflict, then a fault in
            // the plan's activity writes (inside the same transaction, so the customer write rolls back with it).
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (scope.Depth == 0 || faults >= 3) return null;
                if (request.RequestName == "Update" && request["Target"] is Entity e && e.LogicalName == Account.EntityLogicalName && faults < 2)
                    return faults++ == 0 ? new TimeoutException("SQL timeout") : (Exception)new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch,
                        "The version of the existing record doesn't match the RowVersion property provided.");
                if (faults == 2 && scope.StepName != null && scope.StepName.Contains("MaterializeRetentionPlan"))
                {
                    faults++;
                    return new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch, "Generic SQL error");
                }
                return null;
            };
            Org.PlaceOrder(_org.Admin, account, 7000m, Org.Now.AddDays(-1));
            _org.Admin.Create(Org.Survey(account, 1m));
            _org.Admin.Create(Org.Complaint(account, "Angry"));
            var call = _org.OpenRetention(account).First(a => a.LogicalName == RetentionActivity.PhoneCall);
            _org.Admin.Update(new Entity(RetentionActivity.PhoneCall, call.Id) { [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(2) });
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(3, faults);
            Assert.All(_org.Host.AsyncJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            Assert.Contains(_org.Host.AsyncJobs, j => j.Attempts > 1);
            var fromEvents = Assessment(account);
            var open = _org.OpenRetention(account);
            Assert.Equal(open.Length, open.Select(a => a.GetAttributeValue<string>(RetentionActivity.Key)).Distinct().Count());

            _org.Host.FaultInjector = null;
            _org.Recalculate(account);
            Assert.Equal(Assessment(account), fromEvents);
            Assert.Equal(open.Select(a => a.Id).OrderBy(id => id), _org.OpenRetention(account).Select(a => a.Id).OrderBy(id => id));
        }

        [Fact]
        public void A_damaged_ledger_or_plan_on_the_customer_is_rebuilt_not_trusted()
        {
            var account = EvaluatedAccount("Damaged");
            var row = _org.Host.Store.Get(Account.EntityLogicalName, account.Id);
            row[CustomerColumns.FactsLedger] = "{\"v\":2,\"p\":{\"oops\":";
            row[CustomerColumns.RetentionPlan] = "not json";

            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddMonths(-30));
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(AsyncJobStatus.Succeeded, _org.EvaluationJobs.Last().Status);
            Assert.NotNull(CrmExtensions.Domain.Ledger.CustomerFactsLedger.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger)));
            Assert.Equal(_org.OpenRetention(account).Length, _org.OpenRetention(account).Select(a => a.GetAttributeValue<string>(RetentionActivity.Key)).Distinct().Count());
            var fromEvent = Assessment(account);
            _org.Recalculate(account);
            Assert.Equal(Assessment(account), fromEvent);
        }

        [Fact]
        public void Aggregates_over_the_platform_row_limit_are_partitioned_to_the_same_result()
        {
            var big = _org.Account("Big");
            for (var m = 0; m < 30; m++)
            {
                var order = Org.Order(big, 1000m + m, Org.Now.AddMonths(-m).AddDays(-2));
                _org.Host.Seed(order);
                var product = new Entity(Product.EntityLogicalName) { [Product.Family] = "Family " + (m % 4) };
                _org.Host.Seed(product);
                _org.Host.Seed(new Entity(SalesOrderDetail.EntityLogicalName) { [SalesOrderDetail.SalesOrder] = order.ToEntityReference(), [SalesOrderDetail.Product] = product.ToEntityReference() });
            }
            var small = Enumerable.Range(0, 6).Select(i => { var a = _org.Account("Small " + i); _org.OrderHistory(a, 300m, months: 4); return a; }).ToList();
            var everyone = new[] { big }.Concat(small).ToList();
            string Columns(Entity customer) => _org.Assessment(customer, CustomerColumns.CurrentValue, CustomerColumns.LifetimeProfit, CustomerColumns.RfmRecency, CustomerColumns.RfmFrequency,
                CustomerColumns.RfmMonetary, CustomerColumns.Tier, CustomerColumns.LifecycleStage, CustomerColumns.CrossPurchaseBreadth);

            // Both jobs read every customer in full (one page, so one set-based read for all seven).
            _org.RunJob(new StartRecalculationRequest { Rebuild = true });
            var unlimited = everyone.ToDictionary(c => c.Id, Columns);
            _org.Host.MaxAggregateRecords = 7;
            var job = _org.RunJob(new StartRecalculationRequest { Rebuild = true });

            Assert.Equal(7, job.GetAttributeValue<int>(RecalculationJob.Done));
            Assert.Equal(0.67m, Math.Round(Convert.ToDecimal(_org.Reload(big)[CustomerColumns.CrossPurchaseBreadth]), 2));
            Assert.Equal(unlimited, everyone.ToDictionary(c => c.Id, Columns));
        }
    }
}
