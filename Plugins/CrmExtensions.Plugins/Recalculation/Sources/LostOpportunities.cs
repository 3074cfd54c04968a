using System;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// Opportunities the customer closed as lost to a named competitor (the close activity's competitorid), within
    /// competition.recentDays: each is a competitor entry in the customer's ledger under the close activity's id.
    /// </summary>
    public static class LostOpportunities
    {
        private const string OpportunityAlias = "o";

        /// <summary>The close's columns an entry is made of.</summary>
        public static readonly string[] Columns = { OpportunityClose.Opportunity, OpportunityClose.Competitor, OpportunityClose.ActualEnd, Common.CreatedOn, Common.ModifiedOn };

        public static CompetitorEntry EntryOf(Entity close, DateTime fallback) => new CompetitorEntry
        {
            Competitor = close.GetAttributeValue<EntityReference>(OpportunityClose.Competitor)?.Name,
            Kind = CompetitorSignalKind.LostOpportunity,
            On = close.GetAttributeValue<DateTime?>(OpportunityClose.ActualEnd) ?? close.GetAttributeValue<DateTime?>(Common.CreatedOn) ?? fallback,
            Changed = close.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        public static void ReadInto(IOrganizationService service, CustomerPage page)
        {
            var query = new QueryExpression(OpportunityClose.EntityLogicalName) { ColumnSet = new ColumnSet(Columns) };
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
                    snapshot.Ledger.Competitors[close.Id] = EntryOf(close, page.AsOf);
            }
        }
    }
}
