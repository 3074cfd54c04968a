using System;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// An org's own Complaint case type counts once the settings list it, and only then; the event path and the full
    /// read agree on it.
    /// </summary>
    public class ComplaintTypeTests
    {
        /// <summary>The value the Customer Service app gives the first option an org adds to the Case Type choice.</summary>
        private const int OrgComplaintType = 100000000;

        private readonly Org _org = new Org();

        public ComplaintTypeTests()
        {
            // As the admin's new option in the Case Type choice: the strict host then accepts the value (with Microsoft's reference loaded it refuses unknown ones).
            _org.Host.Metadata.Table(Incident.EntityLogicalName)?.Column(Incident.CaseTypeCode)?.Options?.Add(OrgComplaintType);
        }

        private CustomerFactsLedger Ledger(Entity customer) => CustomerFactsLedger.Parse(_org.Reload(customer).GetAttributeValue<string>(CustomerColumns.FactsLedger));

        /// <summary>Whether the ledger holds the case as a complaint (a withdrawn one stays as a removed entry).</summary>
        private bool IsComplaint(Entity customer, Guid incident) => Ledger(customer).Complaints.TryGetValue(incident, out var entry) && !entry.Removed;

        private (Entity Customer, Guid Case) CaseOfOrgType()
        {
            var customer = _org.Account();
            _org.OrderHistory(customer, 1000m, months: 6);
            _org.Recalculate(customer);
            var incident = _org.Admin.Create(new Entity(Incident.EntityLogicalName)
            {
                ["title"] = "Delivery damaged",
                [Incident.Customer] = customer.ToEntityReference(),
                [Incident.CaseTypeCode] = new OptionSetValue(OrgComplaintType),
            });
            _org.Host.ProcessAsyncQueue();
            return (customer, incident);
        }

        [Fact]
        public void A_case_of_a_configured_type_counts_by_event_and_by_full_read()
        {
            _org.Admin.Create(new Entity(Setting.EntityLogicalName) { [Setting.Name] = Setting.ActiveSettingsName, [Setting.Value] = @"{ ""complaints"": { ""caseTypes"": [2, 100000000] } }" });
            var (customer, incident) = CaseOfOrgType();
            Assert.True(IsComplaint(customer, incident));

            _org.Recalculate(customer);
            Assert.True(IsComplaint(customer, incident));
        }

        [Fact]
        public void A_case_of_a_type_not_configured_is_no_complaint_by_event_nor_by_full_read()
        {
            var (customer, incident) = CaseOfOrgType();
            Assert.False(IsComplaint(customer, incident));

            _org.Recalculate(customer);
            Assert.False(IsComplaint(customer, incident));
        }
    }
}
