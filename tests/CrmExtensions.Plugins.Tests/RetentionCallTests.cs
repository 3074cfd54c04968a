using System.Linq;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// A retention call carries what a user needs to make it: whom to call (an account's primary contact, else the
    /// account; a contact itself), its owner, when it is due and the customer it is about; by the event path and by a
    /// full read alike.
    /// </summary>
    public class RetentionCallTests
    {
        private readonly Org _org = new Org();

        private Entity Customer(Entity customer)
        {
            customer.Id = _org.Admin.Create(customer);
            _org.OrderHistory(customer, 5000m, months: 24);
            return customer;
        }

        /// <summary>The open follow-up call, read as a client reads it.</summary>
        private Entity Call(Entity customer)
        {
            var call = _org.OpenRetention(customer).Single(a => a.LogicalName == RetentionActivity.PhoneCall);
            return _org.Admin.Retrieve(RetentionActivity.PhoneCall, call.Id,
                new ColumnSet(RetentionActivity.To, RetentionActivity.Owner, RetentionActivity.ScheduledEnd, RetentionActivity.Regarding));
        }

        private System.Guid Owner(Entity customer) => _org.Reload(customer).GetAttributeValue<EntityReference>(Common.OwnerId).Id;

        private void AssertActionable(Entity call, Entity customer, EntityReference callee)
        {
            var to = call.GetAttributeValue<EntityCollection>(RetentionActivity.To).Entities.Single().GetAttributeValue<EntityReference>(ActivityParty.Party);
            Assert.Equal((callee.LogicalName, callee.Id), (to.LogicalName, to.Id));
            Assert.Equal(customer.Id, call.GetAttributeValue<EntityReference>(RetentionActivity.Regarding).Id);
            Assert.Equal(Owner(customer), call.GetAttributeValue<EntityReference>(RetentionActivity.Owner).Id);
            // Due on a day at noon UTC (the first follow-up is due on the evaluation day): that calendar day for users from UTC-12 to UTC+11.
            var due = call.GetAttributeValue<System.DateTime>(RetentionActivity.ScheduledEnd);
            Assert.Equal((Org.Now.Date, 12), (due.Date, due.Hour));
        }

        [Fact]
        public void An_accounts_call_by_event_goes_to_its_primary_contact()
        {
            var contact = new Entity(Contact.EntityLogicalName) { ["lastname"] = "Buyer" };
            contact.Id = _org.Admin.Create(contact);
            var account = Customer(new Entity(Account.EntityLogicalName) { [Account.Name] = "Contoso", [Account.PrimaryContact] = contact.ToEntityReference() });
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            AssertActionable(Call(account), account, contact.ToEntityReference());
        }

        [Fact]
        public void An_accounts_call_by_full_read_goes_to_the_account_without_a_primary_contact()
        {
            var account = Customer(new Entity(Account.EntityLogicalName) { [Account.Name] = "Fabrikam" });
            _org.Recalculate(account);
            AssertActionable(Call(account), account, account.ToEntityReference());
        }

        [Fact]
        public void A_contacts_call_goes_to_the_contact()
        {
            var contact = Customer(new Entity(Contact.EntityLogicalName) { ["lastname"] = "Loyal" });
            Org.PlaceOrder(_org.Admin, contact, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            AssertActionable(Call(contact), contact, contact.ToEntityReference());
        }

        [Fact]
        public void Evaluating_again_moves_no_retention_work()
        {
            var account = Customer(new Entity(Account.EntityLogicalName) { [Account.Name] = "Tailspin" });
            _org.Recalculate(account);
            var call = Call(account);

            var again = (RecalculateCustomerResponse)_org.Admin.Execute(new RecalculateCustomerRequest { Target = account.ToEntityReference() });

            Assert.Equal((0, 0, 0), (again.ActivitiesCreated, again.ActivitiesUpdated, again.ActivitiesCancelled));
            Assert.Equal(call.GetAttributeValue<System.DateTime>(RetentionActivity.ScheduledEnd), Call(account).GetAttributeValue<System.DateTime>(RetentionActivity.ScheduledEnd));
        }
    }
}
