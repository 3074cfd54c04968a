using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.History;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Account/contact Update of the tier, churn risk band, lifecycle stage or loyalty level, synchronous PostOperation:
    /// inside the transaction of the write that moved them, so a history row exists exactly when the change does and
    /// the evaluation itself costs no extra call. Compares the pre- and post-image (no read), asks the domain what to
    /// record, and writes at most one row as the system. The trigger is the one the evaluating plug-in marked its
    /// pipeline with; a write no evaluation marked is a manager's override or a direct edit.
    /// </summary>
    [Step(MessageName.Update, Stage.PostOperation, Mode.Synchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        FilteringAttributes = StepColumns.Scores, PreImage = StepColumns.ScoresBefore, PostImage = StepColumns.ScoresAfter,
        Description = "Record a change of tier, churn risk band, lifecycle stage or loyalty level in the score history.")]
    public sealed class RecordScoreChange : PluginBase
    {
        public RecordScoreChange(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var before = context.PreImage() ?? new Entity(context.Execution.PrimaryEntityName);
            var after = context.PostImage() ?? context.TargetOverPreImage();
            var trigger = TriggerOf(context, before, after);
            var change = ScoreHistory.Between(State(before), State(after), after.GetAttributeValue<string>(CustomerColumns.ChurnReasons), trigger, () => Settings(context).History);
            if (change == null) return;
            var customer = new EntityReference(context.Execution.PrimaryEntityName, context.Execution.PrimaryEntityId);
            context.SystemService.Create(Row(customer, after.GetAttributeValue<EntityReference>(Common.OwnerId), change, after.GetAttributeValue<int?>(CustomerColumns.ChurnRisk)));
            context.Trace("Score change of {0} {1} recorded: {2} ({3}).", customer.LogicalName, customer.Id, change.Summary, trigger.Kind);
        }

        private static ScoreTrigger TriggerOf(LocalPluginContext context, Entity before, Entity after)
        {
            // An evaluation's write carries its trigger; a user cannot write that column (no profile may update it).
            var marked = ScoreTrigger.FromStamp(context.Target?.GetAttributeValue<string>(CustomerColumns.LastEvaluationTrigger));
            if (marked != null) return marked;
            var overridden = after.GetAttributeValue<bool>(CustomerColumns.TierOverride);
            var wasOverridden = before.GetAttributeValue<bool>(CustomerColumns.TierOverride);
            var by = $"by user {context.Execution.InitiatingUserId:D}";
            if (overridden && context.Target?.Contains(CustomerColumns.Tier) == true)
                return new ScoreTrigger(TriggerKind.Override, $"{after.GetAttributeValue<string>(CustomerColumns.TierOverrideReason)} ({by})");
            if (wasOverridden && !overridden) return new ScoreTrigger(TriggerKind.Override, $"Override removed ({by})");
            return new ScoreTrigger(TriggerKind.DirectEdit, $"{context.Execution.MessageName} {by}");
        }

        private static ScoreState State(Entity row) => new ScoreState(
            Option<ValueTier>(row, CustomerColumns.Tier), Option<ChurnRiskBand>(row, CustomerColumns.ChurnRiskBand),
            Option<LifecycleStage>(row, CustomerColumns.LifecycleStage), Option<LoyaltyLevel>(row, CustomerColumns.LoyaltyLevel));

        private static T? Option<T>(Entity row, string column) where T : struct
        {
            var value = row.GetAttributeValue<OptionSetValue>(column);
            return value != null && Choice.TryFromOption<T>(value.Value, out var domain) ? domain : (T?)null;
        }

        /// <summary>The customer's owner owns the row, so whoever reaches the customer reaches its history (Assign cascades to it).</summary>
        private static Entity Row(EntityReference customer, EntityReference owner, ScoreChange change, int? churnRisk)
        {
            var row = new Entity(CustomerScoreChange.EntityLogicalName)
            {
                [Common.OwnerId] = owner,
                [CustomerScoreChange.Name] = ColumnText.Fit(change.Title, CustomerScoreChange.NameMaxLength),
                [CustomerScoreChange.Customer] = customer,
                [CustomerScoreChange.ChurnRisk] = churnRisk,
                [CustomerScoreChange.TopReasons] = change.TopReasons.Count == 0 ? null : ColumnText.Fit(string.Join("\n", change.TopReasons), CustomerScoreChange.TopReasonsMaxLength),
                [CustomerScoreChange.Trigger] = new OptionSetValue(Choice.ToOption(change.Trigger.Kind)),
                [CustomerScoreChange.TriggerDetail] = ColumnText.Fit(change.Trigger.Detail, CustomerScoreChange.TriggerDetailMaxLength),
            };
            if (change.TierChanged) Pair(row, CustomerScoreChange.TierFrom, CustomerScoreChange.TierTo, change.Before.Tier, change.After.Tier);
            if (change.ChurnBandChanged) Pair(row, CustomerScoreChange.ChurnBandFrom, CustomerScoreChange.ChurnBandTo, change.Before.ChurnBand, change.After.ChurnBand);
            if (change.StageChanged) Pair(row, CustomerScoreChange.StageFrom, CustomerScoreChange.StageTo, change.Before.Stage, change.After.Stage);
            if (change.LoyaltyChanged) Pair(row, CustomerScoreChange.LoyaltyFrom, CustomerScoreChange.LoyaltyTo, change.Before.Loyalty, change.After.Loyalty);
            return row;
        }

        private static void Pair<T>(Entity row, string fromColumn, string toColumn, T? from, T? to) where T : struct
        {
            row[fromColumn] = from.HasValue ? new OptionSetValue(Choice.ToOption(from.Value)) : null;
            row[toColumn] = to.HasValue ? new OptionSetValue(Choice.ToOption(to.Value)) : null;
        }

    }
}
