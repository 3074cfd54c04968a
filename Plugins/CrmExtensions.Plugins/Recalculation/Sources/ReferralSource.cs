using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>Accounts and contacts that name a referrer: each is one referral in the referrer's ledger.</summary>
    public sealed class ReferralSource : ContributionSource<ReferralEntry>
    {
        internal ReferralSource() { }

        public override IReadOnlyCollection<string> Tables { get; } = new[] { Account.EntityLogicalName, Contact.EntityLogicalName };
        public override string Customer => CustomerColumns.ReferredBy;

        public override IReadOnlyCollection<string> Columns { get; } = new[] { CustomerColumns.ReferredBy };

        public override LedgerSlot Slot => LedgerSlots.Referrals;
        public override string Describes => "referrals";

        public override bool Counts(Entity referred, LedgerEvent e) => true;

        public override ReferralEntry EntryOf(Entity referred) => new ReferralEntry { Changed = referred.GetAttributeValue<DateTime?>(Common.ModifiedOn) };

        /// <summary>One query per customer table on the page.</summary>
        protected override IEnumerable<QueryExpression> Queries(CustomerPage page) =>
            page.Tables.Select(table =>
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(CustomerColumns.ReferredBy, Common.ModifiedOn) };
                query.Criteria.AddCondition(CustomerColumns.ReferredBy, ConditionOperator.In, page.Ids);
                return query;
            });
    }
}
