using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// The full read of a customer however large it is: no "in" list past the platform's 2,000 values (contacts, a group's
    /// subsidiaries), no aggregate past its 50,000 rows, and no call expected to fail inside the Custom API's transaction.
    /// </summary>
    public class CustomerFactsReaderTests
    {
        private readonly Org _org = new Org();

        [Fact]
        public void An_account_with_more_contacts_than_one_list_holds_is_read_in_full()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 1000m, months: 3);
            var contacts = Enumerable.Range(0, 2001).Select(i => new Entity(Contact.EntityLogicalName)
            {
                ["lastname"] = "Contact " + i,
                [Contact.ParentCustomer] = account.ToEntityReference(),
                [Contact.Layer] = new OptionSetValue(Org.Option(Domain.Coverage.ContactLayer.Operational)),
            }).ToArray();
            _org.Host.Seed(contacts);

            _org.Recalculate(account);

            Assert.Equal(0, _org.Host.Calls.Failed);
            Assert.Equal(2001, _org.Reload(account).GetAttributeValue<int>(AccountColumns.OperationalContacts));
        }

        [Fact]
        public void A_group_with_more_subsidiaries_than_one_list_holds_is_rolled_up_in_full()
        {
            var parent = _org.Account("Holding");
            _org.OrderHistory(parent, 1000m, months: 3);
            var subsidiaries = Enumerable.Range(0, 2001).Select(i => new Entity(Account.EntityLogicalName)
            {
                [Account.Name] = "Subsidiary " + i,
                [Account.ParentAccount] = parent.ToEntityReference(),
            }).ToArray();
            _org.Host.Seed(subsidiaries);

            _org.Recalculate(parent);

            Assert.Equal(0, _org.Host.Calls.Failed);
            Assert.Equal(2002, _org.Reload(parent).GetAttributeValue<int>(AccountColumns.GroupSize));
        }

        [Fact]
        public void A_customer_with_more_old_purchases_than_one_aggregate_takes_is_read_in_parts_inside_the_apis_transaction()
        {
            var account = _org.Account();
            // 50,001 orders before the analysis window, one a day: one aggregate over them would be refused.
            var orders = Enumerable.Range(0, 50001).Select(i => Org.Order(account, 10m, Org.Now.AddYears(-4).AddHours(-i))).ToArray();
            _org.Host.Seed(orders);
            _org.Host.Calls.Reset();

            _org.Recalculate(account);

            Assert.Equal(0, _org.Host.Calls.Failed);
            var earlier = CustomerFactsLedger.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger)).EarlierFor(SalesOrder.EntityLogicalName);
            Assert.Equal(50001, earlier.Orders);
            Assert.Equal(500010m, earlier.Revenue);
        }
    }
}
