using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Finds the subsidiaries of a page's accounts for the group roll-up: level by level down the parent account lookup,
    /// one query per level for the whole page, each account asked for once, so a hierarchy loop ends the walk instead of
    /// running it away (the domain names the loop). Each subsidiary enters with its values evaluated from its own ledger,
    /// as of the same date and settings as the parent (a subsidiary never evaluated has its ledger built by the same
    /// set-based reads first, not saved), so the group does not depend on which page a subsidiary was evaluated on. Runs on full reads and bulk pages, not per event: like the
    /// platform's own rollup columns, a group is refreshed by the recalculation run.
    /// </summary>
    public sealed class AccountGroups
    {
        private static readonly string[] Columns = { Account.Name, Account.ParentAccount, CustomerColumns.FactsLedger, CustomerColumns.RetentionPlan };

        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;
        private readonly CustomerEvaluator _evaluator;

        public AccountGroups(IOrganizationService service, CrmExtensionsSettings settings, CustomerEvaluator evaluator)
        {
            _service = service;
            _settings = settings;
            _evaluator = evaluator;
        }

        /// <summary>
        /// Sets each account's <see cref="CustomerSnapshot.GroupMembers"/>: its subsidiaries at every level (empty: none).
        /// <paramref name="buildLedgers"/> builds the ledgers of subsidiaries that have none.
        /// </summary>
        public void ReadInto(IEnumerable<CustomerSnapshot> snapshots, DateTime asOf, Action<IReadOnlyList<CustomerSnapshot>> buildLedgers)
        {
            var parents = snapshots.Where(s => s.IsAccount).ToDictionary(s => s.Customer.Id);
            if (parents.Count == 0) return;
            var rows = new List<Entity>();
            var asked = new HashSet<Guid>(parents.Keys);
            var level = parents.Keys.ToList();
            // One level more than hierarchy.maxDepth, so the roll-up can say that deeper accounts exist.
            for (var depth = 0; level.Count > 0 && depth <= _settings.Hierarchy.MaxDepth; depth++)
            {
                var next = new List<Guid>();
                for (var i = 0; i < level.Count; i += CustomerRecalculation.FullReadChunk)
                {
                    var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Columns) };
                    query.Criteria.AddCondition(Account.ParentAccount, ConditionOperator.In, level.Skip(i).Take(CustomerRecalculation.FullReadChunk).Cast<object>().ToArray());
                    query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
                    foreach (var row in PagedQuery.All(_service, query))
                    {
                        rows.Add(row);
                        if (asked.Add(row.Id)) next.Add(row.Id);
                    }
                }
                level = next;
            }
            if (rows.Count == 0)
            {
                foreach (var parent in parents.Values) parent.GroupMembers = new List<GroupMember>();
                return;
            }
            var members = Evaluated(rows, asOf, buildLedgers);
            var childrenOf = members.GroupBy(m => m.ParentId.Value).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var parent in parents.Values) parent.GroupMembers = Below(parent.Customer.Id, childrenOf);
        }

        /// <summary>Each subsidiary row (a row met twice, in a loop, is evaluated once) with its own values.</summary>
        private List<GroupMember> Evaluated(List<Entity> rows, DateTime asOf, Action<IReadOnlyList<CustomerSnapshot>> buildLedgers)
        {
            var snapshots = rows.GroupBy(r => r.Id).Select(g => new CustomerSnapshot(g.First())).ToDictionary(s => s.Customer.Id);
            var ledgerless = snapshots.Values.Where(s => s.Ledger == null).ToList();
            if (ledgerless.Count > 0) buildLedgers(ledgerless);
            var values = snapshots.Values.ToDictionary(s => s.Customer.Id, s =>
            {
                s.Ledger.Compact(asOf, _settings);
                return _evaluator.Evaluate(s.Ledger.ToFacts(s.Customer.Id, asOf, _settings, null, null));
            });
            return rows.Select(row =>
            {
                var own = values[row.Id];
                return new GroupMember(row.Id, row.GetAttributeValue<EntityReference>(Account.ParentAccount).Id, row.GetAttributeValue<string>(Account.Name),
                    own.Value.CurrentValue, own.Value.GrowthPotential, own.Value.LifetimeProfit, own.Churn.Score, own.Churn.ReasonsText);
            }).ToList();
        }

        /// <summary>Every row found below the parent, each once (a row has one parent); the walk stops where it meets an account again.</summary>
        private static List<GroupMember> Below(Guid parent, Dictionary<Guid, List<GroupMember>> childrenOf)
        {
            var members = new List<GroupMember>();
            var seen = new HashSet<Guid> { parent };
            var pending = new Queue<Guid>(new[] { parent });
            while (pending.Count > 0)
            {
                if (!childrenOf.TryGetValue(pending.Dequeue(), out var children)) continue;
                foreach (var child in children)
                {
                    members.Add(child);
                    if (seen.Add(child.Id)) pending.Enqueue(child.Id);
                }
            }
            return members;
        }
    }
}
