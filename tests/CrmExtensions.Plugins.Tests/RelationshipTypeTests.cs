using CrmExtensions.Domain.Relationship;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>The relationship type on the customer row: derived, overridden by a user, and what it changes.</summary>
    public class RelationshipTypeTests
    {
        private readonly Org _org = new Org();

        [Fact]
        public void A_steady_buyer_at_list_price_is_a_relationship_customer_and_a_key_account_when_large()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            _org.Recalculate(account);
            var row = _org.Reload(account);
            Assert.Equal(Org.Option(RelationshipType.Relationship), row.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipType).Value);
            Assert.True(row.GetAttributeValue<bool>(CustomerColumns.KeyAccount));
        }

        [Fact]
        public void A_users_type_is_applied_by_the_async_step_and_drops_the_relationship_building_calls()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            _org.Recalculate(account);
            Assert.Contains(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.Visit)));

            _org.Host.Calls.Reset();
            _org.Admin.Update(new Entity(Account.EntityLogicalName, account.Id)
            {
                [CustomerColumns.RelationshipTypeOverride] = new OptionSetValue(Org.Option(RelationshipType.Transactional)),
            });
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(3, _org.Host.Calls.FromStep(nameof(Steps.RecalculateCustomerOnChange))); // settings, customer, write

            var row = _org.Reload(account);
            Assert.Equal(Org.Option(RelationshipType.Transactional), row.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipType).Value);
            Assert.False(row.GetAttributeValue<bool>(CustomerColumns.KeyAccount));
            Assert.DoesNotContain(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.Visit))
                || a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.FollowUpCall)));
        }
    }
}
