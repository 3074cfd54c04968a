using System.Collections.Generic;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// The relationship type a user sets on a customer: a fact the customer row itself carries, so nothing goes to the
    /// ledger and the full read has nothing to read; setting or clearing it re-evaluates the customer.
    /// </summary>
    public sealed class RelationshipTypeSource : FactSource
    {
        public override IReadOnlyCollection<string> Tables { get; } = new[] { Account.EntityLogicalName, Contact.EntityLogicalName };

        /// <summary>The row is the customer.</summary>
        public override string Customer => null;

        public override IReadOnlyCollection<string> Columns { get; } = new[] { CustomerColumns.RelationshipTypeOverride };
        public override LedgerSlot Slot => null;
        public override string Describes => "the relationship type a user sets";
        protected override IReadOnlyCollection<string> Messages { get; } = new[] { MessageName.Update };

        public override void ReadInto(IOrganizationService service, CustomerPage page) { }

        public override IEnumerable<LedgerChange> Changes(LedgerEvent e)
        {
            if (e.Message != MessageName.Update) yield break;
            var before = e.Before?.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipTypeOverride)?.Value;
            var after = e.After?.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipTypeOverride)?.Value;
            if (before != after) yield return new LedgerChange(new EntityReference(e.Table, e.RecordId), _ => LedgerOutcome.Changed);
        }
    }
}
