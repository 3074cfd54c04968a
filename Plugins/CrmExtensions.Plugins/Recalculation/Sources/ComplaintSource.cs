using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>Cases of type complaint; the open ones and those opened inside the churn rule's window count.</summary>
    public sealed class ComplaintSource : ContributionSource<ComplaintEntry>
    {
        internal ComplaintSource() { }

        public override IReadOnlyCollection<string> Tables { get; } = new[] { Incident.EntityLogicalName };

        /// <summary>Cases exist only with Customer Service: their steps ship in the service solution, and the core reads them only where it is installed.</summary>
        public override string Solution => ProductSolutions.Service;
        public override string Customer => Incident.Customer;

        public override IReadOnlyCollection<string> Columns { get; } = new[] { Incident.Customer, Incident.CaseTypeCode, Incident.StateCode, Incident.CreatedOn };

        /// <summary>A case closes by a resolution's creation: its step names the case.</summary>
        public override IEnumerable<SourceTable> Watches =>
            base.Watches.Concat(new[] { new SourceTable(IncidentResolution.EntityLogicalName, new[] { IncidentResolution.Incident }, new[] { MessageName.Create }) });

        public override IEnumerable<LedgerChange> Changes(LedgerEvent e) => e.Table == IncidentResolution.EntityLogicalName ? Resolved(e) : base.Changes(e);

        /// <summary>A resolution closes its case; the case row (1 call) says whose complaint it was and when it changed.</summary>
        private IEnumerable<LedgerChange> Resolved(LedgerEvent e)
        {
            var parent = e.After?.GetAttributeValue<EntityReference>(IncidentResolution.Incident);
            if (parent == null) yield break;
            var incident = e.Service.Retrieve(parent.LogicalName, parent.Id, ReadColumns());
            var customer = incident.GetAttributeValue<EntityReference>(Customer);
            if (!LedgerEvent.IsCustomer(customer) || !Counts(incident, e)) yield break;
            yield return new LedgerChange(customer, snapshot => LedgerChange.Outcome(EntriesOf(snapshot.Ledger).Put(parent.Id, EntryOf(incident))));
        }

        public override LedgerSlot Slot => LedgerSlots.Complaints;
        public override string Describes => "complaints";

        /// <summary>A case of one of the configured complaint types (an org may add its own type to the Case Type choice).</summary>
        public override bool Counts(Entity incident, LedgerEvent e) =>
            incident.GetAttributeValue<OptionSetValue>(Incident.CaseTypeCode) is OptionSetValue type && e.ComplaintCaseTypes.Contains(type.Value);

        public override ComplaintEntry EntryOf(Entity incident) => new ComplaintEntry
        {
            OpenedOn = incident.GetAttributeValue<DateTime?>(Incident.CreatedOn) ?? incident.GetAttributeValue<DateTime?>(Common.ModifiedOn) ?? DateTime.MinValue,
            IsOpen = (incident.GetAttributeValue<OptionSetValue>(Incident.StateCode)?.Value ?? Incident.StateActive) == Incident.StateActive,
            Changed = incident.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        protected override IEnumerable<QueryExpression> Queries(CustomerPage page)
        {
            var query = new QueryExpression(Incident.EntityLogicalName) { ColumnSet = new ColumnSet(Incident.Customer, Incident.StateCode, Incident.CreatedOn, Common.ModifiedOn) };
            query.Criteria.AddCondition(Incident.Customer, ConditionOperator.In, page.Ids);
            query.Criteria.AddCondition(Incident.CaseTypeCode, ConditionOperator.In, page.Settings.Complaints.CaseTypes.Cast<object>().ToArray());
            var recentOrOpen = query.Criteria.AddFilter(LogicalOperator.Or);
            recentOrOpen.AddCondition(Incident.StateCode, ConditionOperator.Equal, Incident.StateActive);
            recentOrOpen.AddCondition(Incident.CreatedOn, ConditionOperator.OnOrAfter, CustomerFactsLedger.ComplaintsFrom(page.AsOf, page.Settings.Churn));
            yield return query;
        }
    }
}
