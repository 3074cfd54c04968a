using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// What one event does to one customer: applied to the customer's snapshot once it is read, it sets or withdraws the
    /// record's contribution (or lets an activity go of the plan) and says whether anything changed.
    /// </summary>
    public sealed class LedgerChange
    {
        public LedgerChange(EntityReference customer, Func<CustomerSnapshot, LedgerOutcome> apply)
        {
            Customer = customer;
            Apply = apply;
        }

        public EntityReference Customer { get; }
        public Func<CustomerSnapshot, LedgerOutcome> Apply { get; }

        public static LedgerOutcome Outcome(bool changed) => changed ? LedgerOutcome.Changed : LedgerOutcome.Unchanged;
    }

    /// <summary>What an event did to a customer's ledger or plan.</summary>
    public enum LedgerOutcome
    {
        /// <summary>Something changed: evaluate and write.</summary>
        Changed,

        /// <summary>Nothing to do (the ledger already holds this state or a newer one).</summary>
        Unchanged,

        /// <summary>The change cannot be applied by record id: rebuild the ledger with a full read.</summary>
        NeedsFullRead,
    }
}
