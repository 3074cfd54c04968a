using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Evaluation;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>What a recalculation did: customers evaluated, activity writes decided, and what failed.</summary>
    public sealed class RecalculationResult
    {
        public int Customers { get; set; }

        /// <summary>A job's page only: customers left as they were because this job or a later event had evaluated them.</summary>
        public int Current { get; set; }
        public int ActivitiesCreated { get; set; }
        public int ActivitiesUpdated { get; set; }
        public int ActivitiesCancelled { get; set; }
        public int Failures { get; set; }
        public List<string> Errors { get; } = new List<string>();
        public Dictionary<Guid, CustomerAssessment> Assessments { get; } = new Dictionary<Guid, CustomerAssessment>();
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
