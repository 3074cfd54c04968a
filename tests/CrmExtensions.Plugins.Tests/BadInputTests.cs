using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>Every public entry fed missing columns, nulls, wrong types and extreme values: a clear message or a documented neutral result.</summary>
    public class BadInputTests
    {
        private readonly Org _org = new Org();

        private AsyncJob LastJob => _org.EvaluationJobs.Last();

        [Fact]
        public void An_order_without_a_customer_is_traced_and_skipped()
        {
            var orphan = _org.Admin.Create(new Entity(SalesOrder.EntityLogicalName) { ["name"] = "Orphan" });
            _org.Admin.Update(new Entity(SalesOrder.EntityLogicalName, orphan) { [SalesOrder.TotalAmount] = new Money(100m) });
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(AsyncJobStatus.Succeeded, LastJob.Status);
            Assert.Contains(_org.Host.Traces, t => t.Text.EndsWith(" ms] No customer on the salesorder: nothing to recalculate.", StringComparison.Ordinal));
        }

        [Fact]
        public void Negative_order_totals_fail_the_job_with_a_message_and_write_nothing()
        {
            var account = _org.Account();
            Org.PlaceOrder(_org.Admin, account, -500m, Org.Now.AddDays(-2));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(AsyncJobStatus.Failed, LastJob.Status);
            Assert.Contains("add up to a negative amount (-500", LastJob.Errors.Single());
            Assert.False(_org.Reload(account).Contains(CustomerColumns.LastEvaluatedOn));
        }

        [Fact]
        public void An_order_dated_in_the_future_fails_the_job_clearly()
        {
            var account = _org.Account();
            Org.PlaceOrder(_org.Admin, account, 500m, Org.Now.AddYears(74));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(AsyncJobStatus.Failed, LastJob.Status);
            Assert.Contains("is after the evaluation date", LastJob.Errors.Single());
        }

        [Fact]
        public void Huge_amounts_and_ancient_dates_are_evaluated_without_overflow()
        {
            var account = _org.Account();
            _org.Host.Seed(Org.Order(account, 900_000_000_000m, Org.Now.AddDays(-5)), Org.Order(account, 10m, new DateTime(1901, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            _org.Recalculate(account);
            var row = _org.Reload(account);
            Assert.Equal(225_000_000_000m, row.GetAttributeValue<Money>(CustomerColumns.CurrentValue).Value);
            Assert.Equal(Org.Option(ValueTier.Platinum), row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier).Value);
        }

        [Fact]
        public void An_unknown_stored_tier_is_treated_as_no_previous_tier()
        {
            var account = _org.Account();
            _org.Host.Store.Replace(new Entity(Account.EntityLogicalName, account.Id) { [Account.Name] = "Contoso", [CustomerColumns.Tier] = new OptionSetValue(100000099) });
            _org.Recalculate(account);
            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(account));
        }

        [Fact]
        public void A_survey_score_outside_the_scale_fails_the_job_naming_the_scale()
        {
            var account = _org.Account();
            _org.Admin.Create(Org.Survey(account, 7m));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(AsyncJobStatus.Failed, LastJob.Status);
            Assert.Contains("Survey score 7 is outside 0–5", LastJob.Errors.Single());
        }

        [Theory]
        [InlineData(nameof(StartRecalculationRequest.PageSize), "ten", "parameter 'PageSize' must be Integer, not String")]
        [InlineData(nameof(StartRecalculationRequest.Filter), 12, "parameter 'Filter' must be String, not Int32")]
        public void Custom_api_parameters_of_the_wrong_type_are_refused(string parameter, object value, string expected)
        {
            // A wrong type cannot be written through the typed contract, so the raw request is sent.
            var request = new StartRecalculationRequest().ToOrganizationRequest();
            request[parameter] = value;
            var error = Assert.Throws<DataverseFaultException>(() => _org.Admin.Execute(request));
            Assert.Contains(expected, error.Message);
        }

        [Theory]
        [InlineData(null, "required parameter 'Customer' is missing")]
        [InlineData("Contoso", "must be EntityReference")]
        public void Preview_without_a_customer_reference_is_refused(string customer, string expected)
        {
            Action preview = customer == null
                ? (Action)(() => _org.Admin.Execute(new PreviewTierRequest()))
                : () => _org.Admin.Execute(new OrganizationRequest(PreviewTierRequest.ApiName) { [nameof(PreviewTierRequest.Customer)] = customer });
            Assert.Contains(expected, Assert.Throws<DataverseFaultException>(preview).Message);
        }

        [Fact]
        public void Recalculating_a_deleted_account_says_it_does_not_exist()
        {
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Execute(new RecalculateCustomerRequest { Target = new EntityReference("account", Guid.NewGuid()) }));
            Assert.Contains("does not exist (deleted or never created)", error.Message);
        }

        [Fact]
        public void Events_about_a_customer_deleted_meanwhile_are_a_neutral_no_op()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 12);
            _org.Recalculate(account);
            var activity = _org.OpenRetention(account).First();
            Org.PlaceOrder(_org.Admin, account, 100m, Org.Now.AddDays(-1));
            _org.Admin.Delete(activity.LogicalName, activity.Id);
            _org.Host.Store.Remove(Account.EntityLogicalName, account.Id); // the account goes before its queued events run

            _org.Host.ProcessAsyncQueue();

            Assert.All(_org.Host.AsyncJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            Assert.Contains(_org.Host.Traces, t => t.Text.Contains("no longer exists"));
        }

        [Theory]
        [InlineData(null, true)]          // no retention key: not one of ours
        [InlineData("cx-key", false)]     // regarding something that is not a customer
        public void A_closed_activity_that_is_not_a_retention_activity_of_a_customer_is_ignored(string key, bool regardingCustomer)
        {
            var account = _org.Account();
            var regarding = regardingCustomer ? account.ToEntityReference() : new EntityReference(Opportunity.EntityLogicalName, Guid.NewGuid());
            var task = _org.Admin.Create(new Entity(RetentionActivity.Task) { ["subject"] = "Call back", [RetentionActivity.Key] = key, [RetentionActivity.Regarding] = regarding });
            _org.Host.Calls.Reset();
            _org.Admin.Update(new Entity(RetentionActivity.Task, task) { [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(5) });
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(AsyncJobStatus.Succeeded, LastJob.Status);
            Assert.Equal(0, _org.Host.Calls.FromStep("TrackRetentionActivity"));
            Assert.False(_org.Reload(account).Contains(CustomerColumns.RetentionPlan));
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"v\":1,\"o\":{\"k\":{\"id\":\"not-a-guid\"}}}")]
        public void A_retention_plan_written_by_hand_that_cannot_be_read_creates_or_cancels_nothing(string plan)
        {
            var account = _org.Account();
            _org.Admin.Update(new Entity(Account.EntityLogicalName, account.Id) { [CustomerColumns.RetentionPlan] = plan });
            Assert.Empty(_org.OpenRetention(account));
            Assert.Empty(_org.Host.Store.Rows(RetentionActivity.Task));
        }

        [Fact]
        public void A_job_name_longer_than_its_column_is_refused_by_the_api_and_starts_nothing()
        {
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Execute(new StartRecalculationRequest { Name = new string('n', RecalculationJob.NameMaxLength + 1) }));

            Assert.Equal($"The job's Name is {RecalculationJob.NameMaxLength + 1} characters long; a job row holds at most {RecalculationJob.NameMaxLength}.", error.Message);
            Assert.Empty(_org.Host.Store.Rows(RecalculationJob.EntityLogicalName));
            _org.Admin.Execute(new StartRecalculationRequest { Name = "  " + new string('n', RecalculationJob.NameMaxLength) + "  " }); // trimmed, it fits
        }

        [Fact]
        public void Settings_with_wrong_types_are_refused_naming_the_field()
        {
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Create(new Entity(Setting.EntityLogicalName)
            {
                [Setting.Name] = Setting.ActiveSettingsName,
                [Setting.Value] = @"{ ""clp"": { ""horizonYears"": ""forever"" } }",
            }));
            Assert.Contains("clp.horizonYears", error.Message);
        }
    }
}
