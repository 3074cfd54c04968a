using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Configuration;
using System.Linq;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Recalculation.Sources;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>How one event changes the ledgers of the customers it concerns: what each fact source on its table makes of it.</summary>
    internal sealed class LedgerChanges : IEnumerable<LedgerChange>
    {
        private readonly LocalPluginContext _context;
        private readonly Func<CrmExtensionsSettings> _settings;

        public LedgerChanges(LocalPluginContext context, Func<CrmExtensionsSettings> settings)
        {
            _context = context;
            _settings = settings;
        }

        public IEnumerator<LedgerChange> GetEnumerator()
        {
            var e = new LedgerEvent(_context, _settings);
            return Combined(FactSources.For(e.Table).SelectMany(s => s.Changes(e))).GetEnumerator();
        }

        /// <summary>
        /// One change per customer: a contact referred by the account it works at changes that account's ledger twice in
        /// one event, and one read and one write of the account are enough for both.
        /// </summary>
        private static IEnumerable<LedgerChange> Combined(IEnumerable<LedgerChange> changes) =>
            changes.GroupBy(c => c.Customer.LogicalName + ":" + c.Customer.Id.ToString("N")).Select(g =>
            {
                var all = g.ToList();
                return all.Count == 1 ? all[0] : new LedgerChange(all[0].Customer, snapshot =>
                {
                    var outcomes = all.Select(c => c.Apply(snapshot)).ToList();
                    return outcomes.Contains(LedgerOutcome.NeedsFullRead) ? LedgerOutcome.NeedsFullRead
                        : outcomes.Contains(LedgerOutcome.Changed) ? LedgerOutcome.Changed : LedgerOutcome.Unchanged;
                });
            });

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
