using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// Recalculation jobs on the host's asynchronous service: one plan fans out page rows, each page is an async step
    /// making individual requests, the job completes when its last page reports. Retries, killed workers, concurrent
    /// events and concurrent jobs must end where one clean evaluation of every customer does.
    /// </summary>
    public class RecalculationJobTests
    {
        private readonly Org _org = new Org();

        private List<Entity> SeedAccounts(Org org, int count, string prefix = "Customer ")
        {
            var accounts = new List<Entity>();
            for (var i = 0; i < count; i++)
            {
                var account = org.Account(prefix + i);
                accounts.Add(account);
                for (var m = 0; m < i % 7; m++) org.Host.Seed(Org.Order(account, 500m + 900m * (i % 11), Org.Now.AddMonths(-m * 2).AddDays(-1)));
            }
            return accounts;
        }

        private static bool IsCustomerWrite(OrganizationRequest request, ExecutionScope scope) =>
            scope.StepName != null && scope.StepName.Contains("RecalculateJobPage")
            && request.RequestName == "Update" && request["Target"] is Entity e && e.LogicalName == Account.EntityLogicalName;

        /// <summary>Every account's tier and evaluated columns, and its open retention activities (action, due date), by name: what "the same end state" means.</summary>
        private static Dictionary<string, string> EndState(Org org) =>
            org.Host.Store.Rows(Account.EntityLogicalName).ToDictionary(a => a.GetAttributeValue<string>(Account.Name), a =>
                org.Assessment(a, CustomerColumns.Tier, CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.ChurnRisk,
                    CustomerColumns.LifecycleStage, CustomerColumns.LoyaltyLevel)
                + " | " + string.Join(",", org.OpenRetention(a)
                    .Select(x => $"{x.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value}@{x.GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd):yyyy-MM-dd}")
                    .OrderBy(k => k, StringComparer.Ordinal)));

        private static void AssertNoDuplicateActivities(Org org)
        {
            foreach (var account in org.Host.Store.Rows(Account.EntityLogicalName))
            {
                var keys = org.OpenRetention(account).Select(a => a.GetAttributeValue<string>(RetentionActivity.Key)).ToList();
                Assert.Equal(keys.Count, keys.Distinct().Count());
            }
        }

        private static int Count(Entity job, string column) => job.GetAttributeValue<int>(column);

        private static RecalculationStatusChoice Status(Entity job) => (RecalculationStatusChoice)job.GetAttributeValue<OptionSetValue>(RecalculationJob.Status).Value;

        [Fact]
        public void A_job_evaluates_every_customer_page_by_page_with_individual_requests_and_shows_its_progress()
        {
            var accounts = SeedAccounts(_org, 600);
            _org.Host.AsyncWorkers = 3;

            var job = _org.RunJob(new StartRecalculationRequest { PageSize = 100 });

            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(6, Count(job, RecalculationJob.Pages));
            Assert.Equal(6, Count(job, RecalculationJob.PagesDone));
            Assert.Equal(600, Count(job, RecalculationJob.Planned));
            Assert.Equal(600, Count(job, RecalculationJob.Done));
            Assert.Equal(0, Count(job, RecalculationJob.Failed));
            Assert.NotNull(job.GetAttributeValue<DateTime?>(RecalculationJob.FinishedOn));
            Assert.All(accounts, a => Assert.Equal(job.Id, _org.Reload(a).GetAttributeValue<EntityReference>(CustomerColumns.LastEvaluationJob)?.Id));
            Assert.All(accounts, a => Assert.NotNull(_org.Tier(a)));
            Assert.Equal(6, _org.Host.Store.Count(RecalculationPage.EntityLogicalName));
            Assert.Equal(0, _org.Host.Calls.For("ExecuteMultiple"));
            AssertNoDuplicateActivities(_org);
        }

        [Fact]
        public void A_rerun_from_the_ledgers_costs_at_most_one_point_two_platform_calls_per_customer()
        {
            SeedAccounts(_org, 1000);
            _org.Host.AsyncWorkers = 2;
            _org.RunJob(new StartRecalculationRequest());
            _org.Host.Calls.Reset();
            CountCustomerWrites(_org);

            var job = _org.RunJob(new StartRecalculationRequest());

            Assert.Equal(1000, Count(job, RecalculationJob.Done));
            var perCustomer = _org.Host.Calls.FromPlugins / 1000.0;
            Assert.True(perCustomer <= 1.2, $"{perCustomer:0.000} platform calls per customer");
            Assert.Equal(1000, CustomerUpdates.Count);
            Assert.All(CustomerUpdates.Values, n => Assert.Equal(1, n));
        }

        private readonly ConcurrentDictionary<Guid, int> CustomerUpdates = new ConcurrentDictionary<Guid, int>();

        private void CountCustomerWrites(Org org) =>
            org.Host.FaultInjector = (request, scope) =>
            {
                if (IsCustomerWrite(request, scope)) CustomerUpdates.AddOrUpdate(((Entity)request["Target"]).Id, 1, (_, n) => n + 1);
                return null;
            };

        [Fact]
        public void Redelivered_pages_change_nothing()
        {
            SeedAccounts(_org, 300);
            var job = _org.RunJob(new StartRecalculationRequest { PageSize = 100 });
            var before = EndState(_org);
            var pages = _org.Host.AsyncJobs.Where(j => j.Step.Name.Contains("RecalculateJobPage")).ToList();
            Assert.Equal(3, pages.Count);
            CountCustomerWrites(_org);

            foreach (var page in pages) _org.Host.Replay(page);
            _org.Host.ProcessAsyncQueue();

            Assert.Empty(CustomerUpdates);
            Assert.Equal(before, EndState(_org));
            var after = _org.Admin.Retrieve(RecalculationJob.EntityLogicalName, job.Id, new ColumnSet(true));
            Assert.Equal(300, Count(after, RecalculationJob.Done));
            Assert.Equal(job.GetAttributeValue<DateTime>(RecalculationJob.FinishedOn), after.GetAttributeValue<DateTime>(RecalculationJob.FinishedOn));
        }

        [Fact]
        public void A_page_retried_after_a_timeout_evaluates_each_customer_once()
        {
            SeedAccounts(_org, 200);
            _org.RunJob(new StartRecalculationRequest());
            var timedOut = false;
            var writes = 0;
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (!IsCustomerWrite(request, scope)) return null;
                if (!timedOut && ++writes == 60)
                {
                    timedOut = true;
                    return new TimeoutException("The plug-in execution failed because the operation has timed out at the Sandbox Host.");
                }
                CustomerUpdates.AddOrUpdate(((Entity)request["Target"]).Id, 1, (_, n) => n + 1);
                return null;
            };

            var job = _org.RunJob(new StartRecalculationRequest { Name = "retried" });

            Assert.True(timedOut);
            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(200, Count(job, RecalculationJob.Done));
            Assert.Contains(_org.Host.AsyncJobs, j => j.Step.Name.Contains("RecalculateJobPage") && j.Attempts == 2 && j.Status == AsyncJobStatus.Succeeded);
            Assert.Equal(200, CustomerUpdates.Count);
            Assert.All(CustomerUpdates.Values, n => Assert.Equal(1, n));
        }

        [Fact]
        public void A_worker_killed_mid_page_ends_where_an_uninterrupted_job_does()
        {
            var clean = new Org();
            SeedAccounts(clean, 250);
            clean.RunJob(new StartRecalculationRequest { PageSize = 50 });

            SeedAccounts(_org, 250);
            var activities = 0;
            var killed = false;
            // The first run builds ledgers and creates activities before each customer's row: stop the worker between the two.
            _org.Host.FaultInjector = (request, scope) =>
                !killed && scope.StepName != null && scope.StepName.Contains("RecalculateJobPage") && request.RequestName == "Create" && ++activities == 40 && (killed = true)
                    ? new WorkerStoppedException() : null;
            _org.Host.AsyncWorkers = 3;

            var job = _org.RunJob(new StartRecalculationRequest { PageSize = 50 });

            Assert.True(killed);
            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(250, Count(job, RecalculationJob.Done));
            var expected = EndState(clean);
            var actual = EndState(_org);
            string Differences(Dictionary<string, string> of, Dictionary<string, string> other) =>
                string.Join("\n", of.Where(e => other[e.Key] != e.Value).Select(e => e.Key + ": " + e.Value));
            Assert.Equal(Differences(expected, actual), Differences(actual, expected));
            AssertNoDuplicateActivities(_org);
        }

        [Fact]
        public void Events_on_customers_while_their_page_runs_end_as_one_clean_evaluation()
        {
            var accounts = SeedAccounts(_org, 120);
            _org.RunJob(new StartRecalculationRequest());
            var raced = new HashSet<Guid>();
            // Between a page's read of a customer and its write, an order arrives and its event is processed (another
            // worker): the customer's ledger and evaluation change under the page. Every other customer gets a user's
            // full recalculation instead.
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (!IsCustomerWrite(request, scope)) return null;
                var id = ((Entity)request["Target"]).Id;
                if (raced.Count < 10 && raced.Add(id))
                {
                    var customer = accounts.Single(a => a.Id == id);
                    Org.PlaceOrder(_org.Admin, customer, 9000m, Org.Now.AddDays(-1));
                    if (raced.Count % 2 == 0) _org.Recalculate(customer);
                    else _org.Host.ProcessAsyncQueue(maxJobs: 1);
                }
                return null;
            };

            var job = _org.RunJob(new StartRecalculationRequest { Name = "during events" });

            Assert.Equal(10, raced.Count);
            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(120, Count(job, RecalculationJob.Done));
            Assert.Equal(0, Count(job, RecalculationJob.Failed));
            var afterJob = EndState(_org);
            AssertNoDuplicateActivities(_org);

            _org.Host.FaultInjector = null;
            foreach (var account in accounts) _org.Recalculate(account);
            Assert.Equal(afterJob, EndState(_org));
        }

        [Fact]
        public void A_page_that_finds_an_activity_created_meanwhile_evaluates_that_customer_again_instead_of_failing_it()
        {
            var accounts = SeedAccounts(_org, 20);
            var raced = false;
            // Another evaluation commits the very activity (same planned id) this page is about to create.
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (!raced && scope.StepName != null && scope.StepName.Contains("RecalculateJobPage") && request.RequestName == "Create"
                    && request["Target"] is Entity activity && activity.LogicalName == RetentionActivity.PhoneCall)
                {
                    raced = true;
                    _org.Host.Seed(activity);
                }
                return null;
            };

            var job = _org.RunJob(new StartRecalculationRequest());

            Assert.True(raced);
            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(20, Count(job, RecalculationJob.Done));
            Assert.Equal(0, Count(job, RecalculationJob.Failed));
            AssertNoDuplicateActivities(_org);
            Assert.All(accounts, a => Assert.NotNull(_org.Tier(a)));
        }

        [Fact]
        public void Two_jobs_started_at_once_on_several_workers_end_as_one_clean_evaluation()
        {
            var accounts = SeedAccounts(_org, 400);
            _org.Host.AsyncWorkers = 4;
            var first = _org.Admin.Execute(new StartRecalculationRequest { PageSize = 40 }).JobId;
            var second = _org.Admin.Execute(new StartRecalculationRequest { PageSize = 60 }).JobId;
            _org.Host.ProcessAsyncQueue();

            foreach (var id in new[] { first, second })
            {
                var job = _org.Admin.Retrieve(RecalculationJob.EntityLogicalName, id, new ColumnSet(true));
                Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
                Assert.Equal(400, Count(job, RecalculationJob.Done));
            }
            var afterJobs = EndState(_org);
            AssertNoDuplicateActivities(_org);

            _org.Host.AsyncWorkers = 1;
            foreach (var account in accounts) _org.Recalculate(account);
            Assert.Equal(afterJobs, EndState(_org));
        }

        [Fact]
        public void A_silent_customer_reaches_high_churn_risk_and_its_retention_work_after_the_nightly_job_and_not_before()
        {
            var silent = _org.Account("Silent");
            // Bought every month for two years, then nothing: the last order is the day before today.
            _org.OrderHistory(silent, 4000m, months: 24);
            _org.RunJob(new StartRecalculationRequest());
            Assert.NotEqual(Org.Option(ChurnRiskBand.High), _org.Reload(silent).GetAttributeValue<OptionSetValue>(CustomerColumns.ChurnRiskBand).Value);
            bool HasWinBackOrExit() => _org.OpenRetention(silent).Any(a =>
                a.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value == Org.Option(RetentionActionKind.WinBack)
                || a.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value == Org.Option(RetentionActionKind.PlannedExit));
            Assert.False(HasWinBackOrExit());

            // 300 days (ten of its intervals) pass without an event: nothing moves by itself.
            var later = Org.Now.AddDays(300);
            _org.Host.Clock = () => later;
            _org.Host.ProcessAsyncQueue();
            Assert.NotEqual(Org.Option(ChurnRiskBand.High), _org.Reload(silent).GetAttributeValue<OptionSetValue>(CustomerColumns.ChurnRiskBand).Value);
            Assert.False(HasWinBackOrExit());

            // The nightly refresh: customers not evaluated for a day.
            var job = _org.RunJob(new StartRecalculationRequest { EvaluatedBefore = later.AddDays(-1) });

            Assert.Equal(1, Count(job, RecalculationJob.Planned));
            var row = _org.Reload(silent);
            Assert.Equal(Org.Option(ChurnRiskBand.High), row.GetAttributeValue<OptionSetValue>(CustomerColumns.ChurnRiskBand).Value);
            Assert.Equal(later, row.GetAttributeValue<DateTime>(CustomerColumns.LastEvaluatedOn));
            Assert.True(HasWinBackOrExit());
        }

        [Fact]
        public void The_refresh_plans_only_customers_not_evaluated_since_its_cut_off_and_a_filter_narrows_the_scope()
        {
            var accounts = SeedAccounts(_org, 30);
            _org.Recalculate(accounts[0]);
            _org.Recalculate(accounts[1]);
            var later = Org.Now.AddDays(2);
            _org.Host.Clock = () => later;
            _org.Recalculate(accounts[2]);

            var refresh = _org.RunJob(new StartRecalculationRequest { EvaluatedBefore = later.AddDays(-1) });
            Assert.Equal(29, Count(refresh, RecalculationJob.Planned));

            var filtered = _org.RunJob(new StartRecalculationRequest { Filter = "<filter><condition attribute='name' operator='like' value='Customer 1%' /></filter>" });
            Assert.Equal(11, Count(filtered, RecalculationJob.Planned));
            Assert.Equal(11, Count(filtered, RecalculationJob.Done));
        }

        [Fact]
        public void A_customer_whose_data_is_refused_fails_alone_and_the_job_names_it()
        {
            var accounts = SeedAccounts(_org, 50);
            _org.Host.Seed(new Entity(CxSurveyResponse.EntityLogicalName)
            {
                [CxSurveyResponse.Customer] = accounts[7].ToEntityReference(),
                [CxSurveyResponse.Score] = 7m,
                [CxSurveyResponse.AnsweredOn] = Org.Now.AddDays(-1),
            });

            var job = _org.RunJob(new StartRecalculationRequest());

            Assert.Equal(RecalculationStatusChoice.CompletedWithFailures, Status(job));
            Assert.Equal(49, Count(job, RecalculationJob.Done));
            Assert.Equal(1, Count(job, RecalculationJob.Failed));
            Assert.Contains(accounts[7].Id.ToString("D"), job.GetAttributeValue<string>(RecalculationJob.Errors));
            Assert.Contains("Survey score 7 is outside 0–5", job.GetAttributeValue<string>(RecalculationJob.Errors));
        }

        [Fact]
        public void A_job_with_no_customers_in_scope_completes_at_once()
        {
            var job = _org.RunJob(new StartRecalculationRequest { TableName = "contact" });
            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(0, Count(job, RecalculationJob.Pages));
            Assert.Equal(0, Count(job, RecalculationJob.Planned));
        }

        [Fact]
        public void A_job_saved_on_the_form_with_a_filter_the_platform_refuses_ends_failed_with_the_reason()
        {
            SeedAccounts(_org, 3);
            var id = _org.Admin.Create(new Entity(RecalculationJob.EntityLogicalName)
            {
                [RecalculationJob.Name] = "From the form",
                [RecalculationJob.Filter] = "<filter><condition attribute='createdon' operator='on-or-after' value='not a date' /></filter>",
            });
            _org.Host.ProcessAsyncQueue();
            var job = _org.Admin.Retrieve(RecalculationJob.EntityLogicalName, id, new ColumnSet(true));
            Assert.Equal(RecalculationStatusChoice.Failed, Status(job));
            Assert.Contains("not a date", job.GetAttributeValue<string>(RecalculationJob.Errors));
        }

        [Fact]
        public void A_new_job_saved_on_the_form_starts_with_the_defaults()
        {
            SeedAccounts(_org, 12);
            var id = _org.Admin.Create(new Entity(RecalculationJob.EntityLogicalName));
            _org.Host.ProcessAsyncQueue();
            var job = _org.Admin.Retrieve(RecalculationJob.EntityLogicalName, id, new ColumnSet(true));
            Assert.Equal(RecalculationStatusChoice.Completed, Status(job));
            Assert.Equal(12, Count(job, RecalculationJob.Done));
            Assert.Equal("Recalculation job · page 1", Assert.Single(_org.Host.Store.Rows(RecalculationPage.EntityLogicalName)).GetAttributeValue<string>(RecalculationPage.Name));
        }

        public static TheoryData<Action<StartRecalculationRequest>, string> BadParameters => new TheoryData<Action<StartRecalculationRequest>, string>
        {
            { r => r.PageSize = 0, "PageSize must be between 1 and 1000" },
            { r => r.PageSize = 1001, "PageSize must be between 1 and 1000" },
            { r => r.TableName = "lead", "TableName must be 'account' or 'contact'" },
            { r => r.Filter = "<filter><condition", "The filter is not well-formed FetchXML" },
            { r => r.Filter = "<condition attribute='name' operator='null' />", "The filter must be one FetchXML <filter> element" },
        };

        [Theory]
        [MemberData(nameof(BadParameters))]
        public void Starting_a_job_refuses_bad_parameters_before_anything_is_created(Action<StartRecalculationRequest> set, string expected)
        {
            var request = new StartRecalculationRequest();
            set(request);
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Execute(request));
            Assert.Contains(expected, error.Message);
            Assert.Equal(0, _org.Host.Store.Count(RecalculationJob.EntityLogicalName));
        }

        [Fact]
        public void Starting_a_job_needs_the_right_to_create_one()
        {
            var error = Assert.Throws<DataverseFaultException>(() => _org.As(_org.Clerk).Execute(new StartRecalculationRequest()));
            Assert.Contains("requires the prvCreatecx_recalculationjob privilege", error.Message);
        }
    }
}
