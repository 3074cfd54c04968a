using System.Collections.Generic;
using CrmExtensions.Domain.Evaluation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>What is stored for one customer now: its row, the facts the rules need, and its open retention activities.</summary>
    public sealed class CustomerSnapshot
    {
        public CustomerSnapshot(EntityReference customer, Entity row)
        {
            Customer = customer;
            Row = row;
        }

        public EntityReference Customer { get; }
        public Entity Row { get; }
        public CustomerFacts Facts { get; set; }
        public List<Entity> OpenRetentionActivities { get; } = new List<Entity>();

        /// <summary>Cancelled retention activities per key: their ids are taken, so a re-created action needs a new one.</summary>
        public Dictionary<string, int> CancelledByKey { get; } = new Dictionary<string, int>(System.StringComparer.Ordinal);
    }
}
