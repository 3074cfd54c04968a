using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// Customer loss records, detected by the rules or closed by users. A deleted one stays in the ledger as removed, so
    /// the same loss is not detected again. Option values this version does not know count as not recorded; a cause
    /// without its family (a row imported with the steps off) counts in its own family.
    /// </summary>
    public sealed class LossSource : ContributionSource<LossEntry>
    {
        internal LossSource() { }

        public override IReadOnlyCollection<string> Tables { get; } = new[] { CustomerLoss.EntityLogicalName };
        public override string Customer => CustomerLoss.Customer;

        /// <summary>
        /// What a loss record says, as the platform stores a column list: a constant, so the step that checks a change of a
        /// loss record (<see cref="Steps.ValidateCustomerLoss"/>) filters on and images the same columns this source reads.
        /// </summary>
        public const string RecordColumns = CustomerLoss.Customer + "," + CustomerLoss.LostOn + "," + CustomerLoss.Detection + "," + CustomerLoss.CauseFamily + ","
            + CustomerLoss.Cause + "," + CustomerLoss.WinBackOutcome + "," + CustomerLoss.RecoveredOn + "," + CustomerLoss.TierAtLoss;

        public override IReadOnlyCollection<string> Columns { get; } = RecordColumns.Split(',');

        public override LedgerSlot Slot => LedgerSlots.Losses;
        public override string Describes => "customer losses";

        public override bool Counts(Entity loss, LedgerEvent e) => loss.GetAttributeValue<DateTime?>(CustomerLoss.LostOn).HasValue;

        public override LossEntry EntryOf(Entity loss)
        {
            var cause = Choice.Known<LossCause>(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.Cause));
            var family = Choice.Known<LossCauseFamily>(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.CauseFamily));
            return new LossEntry
            {
                LostOn = loss.GetAttributeValue<DateTime>(CustomerLoss.LostOn),
                Detection = Choice.Known<LossDetection>(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.Detection)) ?? LossDetection.ClosedByUser,
                Family = family ?? (cause.HasValue ? LossCauses.FamilyOf(cause.Value) : (LossCauseFamily?)null),
                Cause = cause,
                Outcome = Choice.Known<WinBackOutcome>(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.WinBackOutcome)),
                RecoveredOn = loss.GetAttributeValue<DateTime?>(CustomerLoss.RecoveredOn),
                TierAtLoss = Choice.Known<ValueTier>(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.TierAtLoss)),
                Changed = loss.GetAttributeValue<DateTime?>(Common.ModifiedOn),
            };
        }

        protected override IEnumerable<QueryExpression> Queries(CustomerPage page)
        {
            var query = new QueryExpression(CustomerLoss.EntityLogicalName) { ColumnSet = ReadColumns() };
            query.Criteria.AddCondition(CustomerLoss.Customer, ConditionOperator.In, page.Ids);
            query.Criteria.AddCondition(CustomerLoss.LostOn, ConditionOperator.NotNull);
            yield return query;
        }
    }
}
