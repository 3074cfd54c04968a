using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Recalculation.Sources;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// The full read: builds each customer's facts ledger from its source records and finds its retention plan in the
    /// activities, with set-based queries for a whole page of customers — purchases, product families, referrals,
    /// complaints, surveys, contacts and when we last met them, competitor presences and opportunities lost to
    /// competitors, losses, retention activities, each from its own source — and finds each account's subsidiaries.
    /// </summary>
    public sealed class CustomerFactsReader
    {
        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;
        private readonly AccountGroups _groups;
        private readonly InstalledSolutions _installed;
        private readonly bool _inTransaction;

        public CustomerFactsReader(IOrganizationService service, CrmExtensionsSettings settings, CustomerEvaluator evaluator, bool inTransaction)
        {
            _service = service;
            _settings = settings;
            _inTransaction = inTransaction;
            _groups = new AccountGroups(service, settings, evaluator);
            _installed = new InstalledSolutions(service);
        }

        /// <summary>Reads the customer rows, then their facts.</summary>
        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyCollection<EntityReference> customers, DateTime asOf)
        {
            var snapshots = Read(CustomerRows.Read(_service, customers), asOf).ToDictionary(s => s.Customer.Id);
            return customers.Select(c => c.Id).Distinct().Select(id => snapshots[id]).ToList();
        }

        /// <summary>Builds ledger and plan for customers whose rows the caller already read, and finds their subsidiaries.</summary>
        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf)
        {
            if (snapshots.Count == 0) return snapshots;
            foreach (var page in BuildLedgers(snapshots, asOf)) RetentionActivitySource.ReadInto(_service, page);
            TakenActivityIds.ReadInto(_service, snapshots);
            _groups.ReadInto(snapshots, asOf, members => BuildLedgers(members, asOf));
            return snapshots;
        }

        /// <summary>For customers evaluated from their ledgers in a bulk run: our last activity with each contact, and the groups.</summary>
        public void Refresh(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf)
        {
            if (snapshots.Count == 0) return;
            foreach (var chunk in Chunks(snapshots)) ContactActivities.ReadInto(_service, new CustomerPage(chunk, asOf, _settings, _inTransaction));
            _groups.ReadInto(snapshots, asOf, members => BuildLedgers(members, asOf));
        }

        /// <summary>Rebuilds the ledgers a page of customers at a time (however many subsidiaries a group brings along).</summary>
        private List<CustomerPage> BuildLedgers(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf)
        {
            foreach (var snapshot in snapshots)
            {
                var replaced = snapshot.Ledger;
                snapshot.Ledger = CustomerFactsLedger.Empty(asOf, _settings.Analysis);
                snapshot.Ledger.KeepDismissedLosses(replaced);
                snapshot.FromFullRead = true;
            }
            var pages = Chunks(snapshots).Select(chunk => new CustomerPage(chunk, asOf, _settings, _inTransaction)).ToList();
            foreach (var page in pages)
            {
                foreach (var source in FactSources.All.Where(s => s.Solution == null || _installed.Has(s.Solution))) source.ReadInto(_service, page);
            }
            return pages;
        }

        private static IEnumerable<List<CustomerSnapshot>> Chunks(IReadOnlyList<CustomerSnapshot> snapshots)
        {
            for (var i = 0; i < snapshots.Count; i += QueryLimits.InValues) yield return snapshots.Skip(i).Take(QueryLimits.InValues).ToList();
        }
    }
}
