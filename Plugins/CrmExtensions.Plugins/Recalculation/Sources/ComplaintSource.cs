using System;
using System.Collections.Generic;
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

        /// <summary>The columns a complaint's entry is made from (the case's images carry them too).</summary>
        public static readonly string[] RowColumns = { Incident.Customer, Incident.CaseTypeCode, Incident.StateCode, Incident.CreatedOn, Common.ModifiedOn };

        public override IReadOnlyCollection<string> Columns { get; } = new[] { Incident.Customer, Incident.CaseTypeCode, Incident.StateCode, Incident.CreatedOn };

        public override LedgerEntries<ComplaintEntry> EntriesOf(CustomerFactsLedger ledger) => ledger.Complaints;

        public override bool Counts(Entity incident) => incident.GetAttributeValue<OptionSetValue>(Incident.CaseTypeCode)?.Value == Incident.CaseTypeComplaint;

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
            query.Criteria.AddCondition(Incident.CaseTypeCode, ConditionOperator.Equal, Incident.CaseTypeComplaint);
            var recentOrOpen = query.Criteria.AddFilter(LogicalOperator.Or);
            recentOrOpen.AddCondition(Incident.StateCode, ConditionOperator.Equal, Incident.StateActive);
            recentOrOpen.AddCondition(Incident.CreatedOn, ConditionOperator.OnOrAfter, CustomerFactsLedger.ComplaintsFrom(page.AsOf, page.Settings.Churn));
            yield return query;
        }
    }
}
