using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>Competitor presences users recorded on accounts; those recorded within competition.recentDays count.</summary>
    public sealed class CompetitorPresenceSource : ContributionSource<CompetitorEntry>
    {
        internal CompetitorPresenceSource() { }

        public override IReadOnlyCollection<string> Tables { get; } = new[] { CompetitorPresence.EntityLogicalName };
        public override string Customer => CompetitorPresence.Account;

        public override IReadOnlyCollection<string> Columns { get; } = new[]
        {
            CompetitorPresence.Account, CompetitorPresence.Competitor, CompetitorPresence.Name, CompetitorPresence.Products, CompetitorPresence.Satisfaction,
            CompetitorPresence.Representative, CompetitorPresence.Relationship, CompetitorPresence.Trend, CompetitorPresence.RecordedOn, Common.StateCode, Common.CreatedOn,
        };

        public override LedgerSlot Slot => LedgerSlots.Competitors;
        public override string Describes => "competitor presences";

        public override bool Counts(Entity presence, LedgerEvent e) => (presence.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value ?? Common.StateActive) == Common.StateActive;

        /// <summary>Named after the competitor (the lookup's name, else the record's); dated when recorded, else when created.</summary>
        public override CompetitorEntry EntryOf(Entity presence) => new CompetitorEntry
        {
            Competitor = presence.GetAttributeValue<EntityReference>(CompetitorPresence.Competitor)?.Name ?? presence.GetAttributeValue<string>(CompetitorPresence.Name),
            Kind = CompetitorSignalKind.Recorded,
            On = presence.GetAttributeValue<DateTime?>(CompetitorPresence.RecordedOn) ?? presence.GetAttributeValue<DateTime?>(Common.CreatedOn) ?? DateTime.MinValue,
            Trend = Choice.Known<CompetitorTrend>(presence.GetAttributeValue<OptionSetValue>(CompetitorPresence.Trend)),
            Satisfaction = presence.GetAttributeValue<int?>(CompetitorPresence.Satisfaction),
            Relationship = Choice.Known<CompetitorRelationship>(presence.GetAttributeValue<OptionSetValue>(CompetitorPresence.Relationship)),
            Representative = presence.GetAttributeValue<string>(CompetitorPresence.Representative),
            Products = presence.GetAttributeValue<string>(CompetitorPresence.Products),
            Changed = presence.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        protected override IEnumerable<QueryExpression> Queries(CustomerPage page)
        {
            var query = new QueryExpression(CompetitorPresence.EntityLogicalName) { ColumnSet = ReadColumns() };
            query.Criteria.AddCondition(CompetitorPresence.Account, ConditionOperator.In, page.Ids);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
            query.Criteria.AddCondition(CompetitorPresence.RecordedOn, ConditionOperator.OnOrAfter, page.AsOf.AddDays(-page.Settings.Competition.RecentDays));
            yield return query;
        }
    }
}
