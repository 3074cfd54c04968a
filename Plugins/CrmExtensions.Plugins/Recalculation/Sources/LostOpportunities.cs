using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// Opportunities the customer closed as lost to a named competitor (the close activity's competitorid), within
    /// competition.recentDays: each is a competitor entry in the customer's ledger under the close activity's id. A won
    /// opportunity is a moment to re-evaluate (its order changes the facts). The opportunity row (1 call) says whose it was
    /// and how it closed.
    /// </summary>
    public sealed class LostOpportunities : FactSource
    {
        private const string OpportunityAlias = "o";

        public override IReadOnlyCollection<string> Tables { get; } = new[] { OpportunityClose.EntityLogicalName };

        /// <summary>The close names its opportunity, whose customer it is.</summary>
        public override string Customer => OpportunityClose.Opportunity;

        public override IReadOnlyCollection<string> Columns { get; } = new[] { OpportunityClose.Opportunity, OpportunityClose.Competitor, OpportunityClose.ActualEnd, Common.CreatedOn };
        public override LedgerSlot Slot => LedgerSlots.Competitors;
        public override string Describes => "opportunities won, or lost to a competitor";

        /// <summary>An opportunity closes by its close activity's creation.</summary>
        protected override IReadOnlyCollection<string> Messages { get; } = new[] { MessageName.Create };

        public static CompetitorEntry EntryOf(Entity close, DateTime fallback) => new CompetitorEntry
        {
            Competitor = close.GetAttributeValue<EntityReference>(OpportunityClose.Competitor)?.Name,
            Kind = CompetitorSignalKind.LostOpportunity,
            On = close.GetAttributeValue<DateTime?>(OpportunityClose.ActualEnd) ?? close.GetAttributeValue<DateTime?>(Common.CreatedOn) ?? fallback,
            Changed = close.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        public override IEnumerable<LedgerChange> Changes(LedgerEvent e)
        {
            var close = e.After;
            var opportunity = close?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity == null) yield break;
            var row = e.Service.Retrieve(opportunity.LogicalName, opportunity.Id, new ColumnSet(Opportunity.Customer, Common.StateCode));
            var customer = row.GetAttributeValue<EntityReference>(Opportunity.Customer);
            if (!LedgerEvent.IsCustomer(customer)) yield break;
            var state = row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value;
            if (state == Opportunity.StateWon) yield return new LedgerChange(customer, _ => LedgerOutcome.Changed);
            else if (state == Opportunity.StateLost && close.GetAttributeValue<EntityReference>(OpportunityClose.Competitor) != null)
                yield return new LedgerChange(customer, snapshot =>
                    LedgerChange.Outcome(LedgerSlots.Competitors.Of(snapshot.Ledger).Put(e.RecordId, EntryOf(close, e.OccurredOn))));
        }

        public override void ReadInto(IOrganizationService service, CustomerPage page)
        {
            var query = new QueryExpression(OpportunityClose.EntityLogicalName) { ColumnSet = new ColumnSet(Columns.Concat(new[] { Common.ModifiedOn }).ToArray()) };
            query.Criteria.AddCondition(OpportunityClose.Competitor, ConditionOperator.NotNull);
            query.Criteria.AddCondition(OpportunityClose.ActualEnd, ConditionOperator.OnOrAfter, page.AsOf.AddDays(-page.Settings.Competition.RecentDays));
            var opportunity = query.AddLink(Opportunity.EntityLogicalName, OpportunityClose.Opportunity, Opportunity.PrimaryId);
            opportunity.EntityAlias = OpportunityAlias;
            opportunity.Columns = new ColumnSet(Opportunity.Customer);
            opportunity.LinkCriteria.AddCondition(Opportunity.Customer, ConditionOperator.In, page.Ids);
            opportunity.LinkCriteria.AddCondition(Opportunity.StateCode, ConditionOperator.Equal, Opportunity.StateLost);
            foreach (var close in PagedQuery.All(service, query))
            {
                var customer = FetchXml.Raw(close, OpportunityAlias + "." + Opportunity.Customer) as EntityReference;
                if (customer != null && page.ById.TryGetValue(customer.Id, out var snapshot))
                    LedgerSlots.Competitors.Of(snapshot.Ledger)[close.Id] = EntryOf(close, page.AsOf);
            }
        }
    }
}
