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
}
