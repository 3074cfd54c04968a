extern alias workflow;
using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using workflow::CrmExtensions.Workflow;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// What users cannot forge: a tier without the override right (whichever way they try), the bookkeeping columns (no
    /// user at all), a ledger the system wrote wrong (a rebuild replaces it); and what a customer's deletion leaves behind.
    /// </summary>
    public class SecuritySuiteTests
    {
        private readonly Org _org = new Org();
        private readonly Entity _customer;

        public SecuritySuiteTests()
        {
            _customer = _org.Account();
            _org.OrderHistory(_customer, 5000m, months: 24);
            _org.Recalculate(_customer);
        }

        private static OptionSetValue Tier(ValueTier tier) => new OptionSetValue(Org.Option(tier));

        public static IEnumerable<object[]> TierPaths() => new[] { "Update", "Upsert", "Create (import)", "Workflow activity", "Custom API" }.Select(p => new object[] { p });

        [Theory]
        [MemberData(nameof(TierPaths))]
        public void A_user_without_the_override_right_cannot_change_a_tier(string path)
        {
            // The clerk writes accounts (Salesperson) and reads the value columns (reader profile), but holds no product role.
            var clerk = _org.As(_org.Clerk);
            var tier = _org.Tier(_customer);
            var forged = new Entity(Account.EntityLogicalName, _customer.Id) { [CustomerColumns.Tier] = Tier(ValueTier.Lead) };
            Action attempt;
            switch (path)
            {
                case "Update": attempt = () => clerk.Update(forged); break;
                case "Upsert": attempt = () => clerk.Execute(new UpsertRequest { Target = forged }); break;
                case "Create (import)":
                    attempt = () => clerk.Create(new Entity(Account.EntityLogicalName) { [Account.Name] = "Imported", [CustomerColumns.Tier] = Tier(ValueTier.Platinum) });
                    break;
                case "Workflow activity": attempt = () => CustomerWorkflowOperations.Recalculate(clerk, _customer.ToEntityReference()); break;
                default: attempt = () => clerk.Execute(new RecalculateCustomerRequest { Target = _customer.ToEntityReference() }); break;
            }

            var error = Assert.ThrowsAny<Exception>(attempt);

            Assert.True(error is InvalidPluginExecutionException || error is DataverseFaultException, error.ToString());
            Assert.Equal(tier, _org.Tier(_customer));
            Assert.Equal(1, _org.Host.Store.Count(Account.EntityLogicalName));
            Assert.Equal(0, _org.Host.Store.Count(TierOverrideAudit.EntityLogicalName));
        }

        public static IEnumerable<object[]> BookkeepingWrites() =>
            from column in new[] { CustomerColumns.FactsLedger, CustomerColumns.RetentionPlan, CustomerColumns.CurrentValue, CustomerColumns.ChurnRisk, CustomerColumns.LastEvaluatedOn }
            from message in new[] { "Update", "Upsert", "Create" }
            select new object[] { column, message };

        [Theory]
        [MemberData(nameof(BookkeepingWrites))]
        public void No_user_can_write_the_ledger_plan_or_evaluation_columns(string column, string message)
        {
            // Even the manager, who may write accounts and override tiers.
            var manager = _org.As(_org.Manager);
            var before = _org.Reload(_customer)[column];
            object value = column == CustomerColumns.CurrentValue ? new Money(1m) : column == CustomerColumns.ChurnRisk ? 1 : column == CustomerColumns.LastEvaluatedOn ? (object)Org.Now : "{}";
            var row = new Entity(Account.EntityLogicalName, message == "Create" ? Guid.Empty : _customer.Id) { [column] = value };
            if (message == "Create") row[Account.Name] = "Imported";

            var error = Assert.Throws<DataverseFaultException>(() =>
            {
                if (message == "Update") manager.Update(row);
                else if (message == "Upsert") manager.Execute(new UpsertRequest { Target = row });
                else manager.Create(row);
            });

            Assert.Equal(message == "Create" ? ErrorCodes.AttributePrivilegeCreateIsMissing : ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, error.ErrorCode);
            Assert.Equal(Convert.ToString(before is Money m ? m.Value : before), Convert.ToString(_org.Reload(_customer)[column] is Money n ? n.Value : _org.Reload(_customer)[column]));
            Assert.Equal(1, _org.Host.Store.Count(Account.EntityLogicalName));
        }

        [Fact]
        public void Every_column_a_recalculation_writes_on_the_customer_is_secured()
        {
            var written = new HashSet<string>();
            _org.Host.FaultInjector = (request, scope) =>
            {
                if (request is UpdateRequest update && update.Target.LogicalName == Account.EntityLogicalName) written.UnionWith(update.Target.Attributes.Keys);
                return null;
            };

            _org.Recalculate(_customer);

            written.Remove(Common.PrimaryIdOf(Account.EntityLogicalName));
            Assert.NotEmpty(written);
            Assert.Empty(written.Except(CustomerColumnSecurity.SecuredOn(Account.EntityLogicalName)));
        }

        [Fact]
        public void A_ledger_the_system_wrote_wrong_is_replaced_by_a_rebuild()
        {
            var clean = _org.Reload(_customer).GetAttributeValue<Money>(CustomerColumns.CurrentValue).Value;
            var ledger = CustomerFactsLedger.Parse(_org.Reload(_customer).GetAttributeValue<string>(CustomerColumns.FactsLedger));
            var forgedId = Guid.NewGuid();
            ledger.Purchases[forgedId] = new PurchaseEntry { Table = SalesOrder.EntityLogicalName, Date = Org.Now.AddDays(-2), Revenue = 1000000m, Changed = Org.Now };
            _org.Admin.Update(new Entity(Account.EntityLogicalName, _customer.Id) { [CustomerColumns.FactsLedger] = ledger.Serialize() });

            _org.Admin.Execute(new RecalculateCustomerRequest { Target = _customer.ToEntityReference() });

            var rebuilt = _org.Reload(_customer);
            Assert.False(CustomerFactsLedger.Parse(rebuilt.GetAttributeValue<string>(CustomerColumns.FactsLedger)).Purchases.ContainsKey(forgedId));
            Assert.Equal(clean, rebuilt.GetAttributeValue<Money>(CustomerColumns.CurrentValue).Value);
        }

        [Fact]
        public void Deleting_a_customer_takes_its_retention_activities_and_override_audit_and_leaves_nothing_pointing_at_it()
        {
            _org.As(_org.Manager).Update(new Entity(Account.EntityLogicalName, _customer.Id)
            {
                [CustomerColumns.Tier] = Tier(ValueTier.Gold), [CustomerColumns.TierOverride] = true, [CustomerColumns.TierOverrideReason] = "Key logo for the region",
            });
            _org.Host.Seed(Org.Survey(_customer, 9m));
            Assert.NotEmpty(_org.OpenRetention(_customer));
            Assert.Equal(1, _org.Host.Store.Count(TierOverrideAudit.EntityLogicalName));

            _org.Admin.Delete(Account.EntityLogicalName, _customer.Id);
            _org.Host.ProcessAsyncQueue();

            Assert.Equal(0, _org.Host.Store.Count(TierOverrideAudit.EntityLogicalName));
            Assert.Empty(_org.Host.Store.Rows(RetentionActivity.Task).Concat(_org.Host.Store.Rows(RetentionActivity.PhoneCall)));
            // The survey answer stays for the survey's own figures, unlinked (RemoveLink); none of the product's rows points
            // at the customer. (Orders follow the platform's own relationships, which the host does not model.)
            Assert.Equal(1, _org.Host.Store.Count(CxSurveyResponse.EntityLogicalName));
            var ours = new[] { TierOverrideAudit.EntityLogicalName, CustomerScoreChange.EntityLogicalName, CxSurveyResponse.EntityLogicalName, RetentionActivity.Task,
                RetentionActivity.PhoneCall, Account.EntityLogicalName };
            Assert.DoesNotContain(ours.SelectMany(_org.Host.Store.Rows), row => row.Attributes.Values.OfType<EntityReference>().Any(r => r.Id == _customer.Id));
        }
    }
}
