using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>What is known about one customer before it is evaluated: its row, its facts ledger and its retention plan.</summary>
    public sealed class CustomerSnapshot
    {
        /// <summary>The customer columns every evaluation reads (one Retrieve or one page of a bulk run).</summary>
        public static readonly string[] Columns =
        {
            CustomerColumns.Tier, CustomerColumns.TierOverride, CustomerColumns.TierOverrideUntil, CustomerColumns.TierOverrideReason, Common.OwnerId,
            CustomerColumns.FactsLedger, CustomerColumns.RetentionPlan, CustomerColumns.LastEvaluatedOn, CustomerColumns.LastEvaluationJob,
        };

        public CustomerSnapshot(Entity row)
        {
            Customer = row.ToEntityReference();
            Row = row;
            StoredLedgerJson = row.GetAttributeValue<string>(CustomerColumns.FactsLedger);
            StoredPlanJson = row.GetAttributeValue<string>(CustomerColumns.RetentionPlan);
            Ledger = CustomerFactsLedger.Parse(StoredLedgerJson);
            Plan = RetentionPlan.Parse(StoredPlanJson);
        }

        public static ColumnSet ColumnSet => new ColumnSet(Columns);

        public EntityReference Customer { get; }
        public Entity Row { get; }
        public string StoredLedgerJson { get; }
        public string StoredPlanJson { get; }

        /// <summary>Null until built by a full read when the row holds none (or an unreadable one).</summary>
        public CustomerFactsLedger Ledger { get; set; }

        /// <summary>The plan the activities follow now: the stored one, or after a full read the one found in the activities.</summary>
        public RetentionPlan Plan { get; set; }

        /// <summary>True when the ledger and plan came from a full read: its writer makes the activities match itself.</summary>
        public bool FromFullRead { get; set; }

        /// <summary>Full read only: further open activities with a key the plan already holds (cancelled as duplicates).</summary>
        public List<PlannedActivity> DuplicateActivities { get; } = new List<PlannedActivity>();

        /// <summary>Full read only: ids of retention activities that exist, which a new activity must not reuse.</summary>
        public HashSet<Guid> ExistingActivityIds { get; } = new HashSet<Guid>();

        public bool CanEvaluateWithoutReading => Ledger != null && Plan != null;

        /// <summary>When the stored tier was placed (the customer's last evaluation).</summary>
        public DateTime? PreviousEvaluatedOn => Row.GetAttributeValue<DateTime?>(CustomerColumns.LastEvaluatedOn);

        /// <summary>The job that wrote the last evaluation, if a job did.</summary>
        public EntityReference LastEvaluationJob => Row.GetAttributeValue<EntityReference>(CustomerColumns.LastEvaluationJob);

        /// <summary>A stored tier this version does not know (e.g. an option added by hand) counts as no previous tier.</summary>
        public ValueTier? PreviousTier
        {
            get
            {
                var tier = Row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier);
                return tier != null && Choice.TryFromOption<ValueTier>(tier.Value, out var known) ? known : (ValueTier?)null;
            }
        }
    }
}
