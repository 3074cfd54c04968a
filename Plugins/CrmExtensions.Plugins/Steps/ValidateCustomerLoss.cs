using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Sources;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// cx_customerloss Create and Update, PreOperation, synchronous: what a loss record may say (the domain's
    /// LossRecordPolicy). The cause sets its family; a user who creates one closes the customer (recorded as closed by a
    /// user, lost today unless a date is given, with the tier and stage the customer has) and names at least the family;
    /// "won back" is left to the rules. An option
    /// this version does not know is refused by its number, so the analysis never meets a cause without a family.
    /// </summary>
    [Step(MessageName.Create, Stage.PreOperation, Mode.Synchronous, CustomerLoss.EntityLogicalName,
        Description = "Check a customer loss: the cause decides its family, a user closing a customer names the cause, won back is recorded by the rules.")]
    [Step(MessageName.Update, Stage.PreOperation, Mode.Synchronous, CustomerLoss.EntityLogicalName, FilteringAttributes = LossSource.RecordColumns,
        PreImage = LossSource.RecordColumns,
        Description = "Check a change of a customer loss: the cause decides its family, won back is recorded by the rules.")]
    public sealed class ValidateCustomerLoss : PluginBase
    {
        public ValidateCustomerLoss(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException("ValidateCustomerLoss expects a Target entity.");
            var pre = context.PreImage() ?? new Entity(target.LogicalName);
            var create = context.Execution.MessageName == MessageName.Create;
            // The rules' writes carry a column only SYSTEM may write; a user's write that carries one fails on column security.
            var byUser = !CustomerColumnSecurity.LossRulesOnly.Any(target.Contains);
            if (create && target.GetAttributeValue<EntityReference>(CustomerLoss.Customer) == null)
                throw new InvalidPluginExecutionException("A customer loss names the customer (account or contact) that was lost.");
            if (create && byUser)
            {
                target[CustomerLoss.Detection] = Choice.Option<LossDetection>(LossDetection.ClosedByUser);
                if (target.GetAttributeValue<DateTime?>(CustomerLoss.LostOn) == null) target[CustomerLoss.LostOn] = context.Execution.OperationCreatedOn.Date;
                StandingAtLoss(context, target);
            }

            var after = context.TargetOverPreImage();
            var change = new LossRecordChange
            {
                IsCreate = create,
                ByUser = byUser,
                Family = KnownOption.Of<LossCauseFamily>(after.GetAttributeValue<OptionSetValue>(CustomerLoss.CauseFamily), "cause family"),
                Cause = KnownOption.Of<LossCause>(after.GetAttributeValue<OptionSetValue>(CustomerLoss.Cause), "cause"),
                LostOn = after.GetAttributeValue<DateTime?>(CustomerLoss.LostOn),
                Outcome = KnownOption.Of<WinBackOutcome>(after.GetAttributeValue<OptionSetValue>(CustomerLoss.WinBackOutcome), "win-back outcome"),
                SetsOutcome = target.Contains(CustomerLoss.WinBackOutcome) && !SameOption(target, pre, CustomerLoss.WinBackOutcome),
                SetsRecoveredOn = target.Contains(CustomerLoss.RecoveredOn)
                    && target.GetAttributeValue<DateTime?>(CustomerLoss.RecoveredOn) != pre.GetAttributeValue<DateTime?>(CustomerLoss.RecoveredOn),
            };
            var family = LossRecordPolicy.Validate(change, context.Execution.OperationCreatedOn);
            if (family != change.Family) target[CustomerLoss.CauseFamily] = Choice.Option(family);
            context.Trace("Customer loss {0}: family {1}, cause {2}, by {3}.", context.Execution.PrimaryEntityId, family, change.Cause, byUser ? "a user" : "the rules");
        }

        /// <summary>A customer closed by a user is analysed by the tier and stage it had when it was closed (1 call, only then).</summary>
        private static void StandingAtLoss(LocalPluginContext context, Entity target)
        {
            var customer = target.GetAttributeValue<EntityReference>(CustomerLoss.Customer);
            if (customer.LogicalName != Account.EntityLogicalName && customer.LogicalName != Contact.EntityLogicalName) return;
            var row = context.SystemService.Retrieve(customer.LogicalName, customer.Id,
                new Microsoft.Xrm.Sdk.Query.ColumnSet(CustomerColumns.Tier, CustomerColumns.LifecycleStage, CustomerColumns.LifecyclePattern));
            // Loss column ← the customer's column (pairs, not tuples: .NET Framework 4.6.2 has no System.ValueTuple).
            var standing = new Dictionary<string, string>
            {
                [CustomerLoss.TierAtLoss] = CustomerColumns.Tier,
                [CustomerLoss.StageAtLoss] = CustomerColumns.LifecycleStage,
                [CustomerLoss.PatternAtLoss] = CustomerColumns.LifecyclePattern,
            };
            foreach (var pair in standing)
                if (!target.Contains(pair.Key) && row.Contains(pair.Value)) target[pair.Key] = row[pair.Value];
        }

        private static bool SameOption(Entity target, Entity pre, string column) =>
            target.GetAttributeValue<OptionSetValue>(column)?.Value == pre.GetAttributeValue<OptionSetValue>(column)?.Value;
    }
}
