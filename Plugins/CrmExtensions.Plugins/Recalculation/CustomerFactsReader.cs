using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Recalculation.Sources;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// The full read: builds each customer's facts ledger from its source records and finds its retention plan in the
    /// activities, with set-based queries for a whole page of customers — purchases, product families, referrals,
    /// complaints, surveys, retention activities, each from its own source.
    /// </summary>
    public sealed class CustomerFactsReader
    {
        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;

        public CustomerFactsReader(IOrganizationService service, CrmExtensionsSettings settings)
        {
            _service = service;
            _settings = settings;
        }

        /// <summary>Reads the customer rows, then their facts.</summary>
        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyCollection<EntityReference> customers, DateTime asOf)
        {
            var snapshots = Read(CustomerRows.Read(_service, customers), asOf).ToDictionary(s => s.Customer.Id);
            return customers.Select(c => c.Id).Distinct().Select(id => snapshots[id]).ToList();
        }

        /// <summary>Builds ledger and plan for customers whose rows the caller already read.</summary>
        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf)
        {
            if (snapshots.Count == 0) return snapshots;
            foreach (var snapshot in snapshots)
            {
                snapshot.Ledger = CustomerFactsLedger.Empty(asOf, _settings.Analysis);
                snapshot.FromFullRead = true;
            }
            var page = new CustomerPage(snapshots, asOf, _settings);
            new PurchaseHistory(_service).ReadInto(page);
            new ProductFamilies(_service).ReadInto(page);
            foreach (var source in ContributionSource.All) source.ReadInto(_service, page);
            RetentionActivitySource.ReadInto(_service, page);
            return snapshots;
        }
    }
}
