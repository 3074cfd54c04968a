using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Relationship;
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
        private static readonly string[] Columns =
        {
            CustomerColumns.Tier, CustomerColumns.TierOverride, CustomerColumns.TierOverrideUntil, CustomerColumns.TierOverrideReason, Common.OwnerId,
            CustomerColumns.FactsLedger, CustomerColumns.RetentionPlan, CustomerColumns.LastEvaluatedOn, CustomerColumns.LastEvaluationJob,
            CustomerColumns.RelationshipTypeOverride,
        };

        /// <summary>An account's also: the group tier its relationship work follows between roll-ups, and its primary contact (whom its retention calls go to).</summary>
        private static readonly string[] AccountColumns = Columns.Concat(new[] { Model.AccountColumns.GroupTier, Account.PrimaryContact }).ToArray();

        public CustomerSnapshot(Entity row)
        {
            Customer = row.ToEntityReference();
            Row = row;
            StoredLedgerJson = row.GetAttributeValue<string>(CustomerColumns.FactsLedger);
            StoredPlanJson = row.GetAttributeValue<string>(CustomerColumns.RetentionPlan);
            Ledger = CustomerFactsLedger.Parse(StoredLedgerJson);
            Plan = RetentionPlan.Parse(StoredPlanJson);
        }

        public static ColumnSet ColumnSetFor(string table) => new ColumnSet(table == Account.EntityLogicalName ? AccountColumns : Columns);

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

        /// <summary>Full read only: ids of activities that exist (ours, or taken by anyone), which a new activity must not reuse.</summary>
        public HashSet<Guid> ExistingActivityIds { get; } = new HashSet<Guid>();

        /// <summary>Full read only: ids a new activity may get, checked free (see <see cref="TakenActivityIds"/>).</summary>
        public HashSet<Guid> FreeActivityIds { get; } = new HashSet<Guid>();

        public bool CanEvaluateWithoutReading => Ledger != null && Plan != null;

        /// <summary>When the stored tier was placed (the customer's last evaluation).</summary>
        public DateTime? PreviousEvaluatedOn => Row.GetAttributeValue<DateTime?>(CustomerColumns.LastEvaluatedOn);

        /// <summary>The job that wrote the last evaluation, if a job did.</summary>
        public EntityReference LastEvaluationJob => Row.GetAttributeValue<EntityReference>(CustomerColumns.LastEvaluationJob);

        /// <summary>A stored tier this version does not know (e.g. an option added by hand) counts as no previous tier.</summary>
        public ValueTier? PreviousTier => Choice.Known<ValueTier>(Row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier));

        /// <summary>The type a user set (an option this version does not know counts as none).</summary>
        public RelationshipType? RelationshipTypeOverride => Choice.Known<RelationshipType>(Row.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipTypeOverride));

        /// <summary>The group tier of the last roll-up (accounts only).</summary>
        public ValueTier? StoredGroupTier => Choice.Known<ValueTier>(Row.GetAttributeValue<OptionSetValue>(Model.AccountColumns.GroupTier));

        public bool IsAccount => Customer.LogicalName == Account.EntityLogicalName;

        /// <summary>The account's subsidiaries as a full read or bulk page found them; null when not rolled up this time.</summary>
        public IReadOnlyCollection<GroupMember> GroupMembers { get; set; }
    }
}
