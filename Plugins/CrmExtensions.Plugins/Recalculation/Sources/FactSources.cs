using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// Every source of a customer's facts: the one list the full read reads, the event path dispatches on and the steps
    /// of <c>RecalculateCustomerOnChange</c> are generated from.
    /// </summary>
    public static class FactSources
    {
        /// <summary>In the order the full read reads them.</summary>
        public static readonly IReadOnlyList<FactSource> All = new FactSource[]
        {
            PurchaseSource.Orders, PurchaseSource.Invoices, new ReferralSource(), new ComplaintSource(), new SurveySource(), new ContactCoverageSource(),
            new CompetitorPresenceSource(), new LossSource(), new LostOpportunities(), new RelationshipTypeSource(),
        };

        /// <summary>The sources an event on this table concerns (a contact is referred, works at an account and has a relationship type).</summary>
        public static IEnumerable<FactSource> For(string table) => All.Where(s => s.Watches.Any(w => w.Table == table));
    }
}
