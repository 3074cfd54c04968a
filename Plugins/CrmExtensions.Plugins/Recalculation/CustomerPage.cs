using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Recalculation.Queries;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// The customers one full read covers: every source reads its rows for the whole page at once (the customer ids in
    /// one condition, so at most <see cref="QueryLimits.InValues"/> of them), so the cost is per page, never per customer.
    /// </summary>
    public sealed class CustomerPage
    {
        public CustomerPage(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf, CrmExtensionsSettings settings, bool inTransaction)
        {
            if (snapshots.Count > QueryLimits.InValues) throw new ArgumentException($"A page holds at most {QueryLimits.InValues} customers (one \"in\" list).", nameof(snapshots));
            AsOf = asOf;
            Settings = settings;
            InTransaction = inTransaction;
            Cut = CustomerFactsLedger.WindowStart(asOf, settings.Analysis);
            ById = snapshots.ToDictionary(s => s.Customer.Id);
            IdTexts = ById.Keys.Select(id => id.ToString("D")).ToArray();
        }

        public DateTime AsOf { get; }

        /// <summary>Read inside a transaction (a synchronous step or Custom API): no call may be one that is expected to fail.</summary>
        public bool InTransaction { get; }
        public CrmExtensionsSettings Settings { get; }

        /// <summary>Start of the analysis window: purchases from here on are read row by row, older ones as totals.</summary>
        public DateTime Cut { get; }

        public Dictionary<Guid, CustomerSnapshot> ById { get; }

        /// <summary>The customer ids for a QueryExpression "in" condition.</summary>
        public object[] Ids => ById.Keys.Cast<object>().ToArray();

        /// <summary>The customer ids as FetchXML writes them.</summary>
        public string[] IdTexts { get; }

        /// <summary>The customer tables on the page (account, contact).</summary>
        public IEnumerable<string> Tables => ById.Values.Select(s => s.Customer.LogicalName).Distinct();
    }
}
