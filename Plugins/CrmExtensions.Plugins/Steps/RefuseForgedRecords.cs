using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// cx_scorechange and cx_tieroverrideaudit Create, Update and Delete, PreValidation, synchronous: only the product
    /// writes the score history and the override audit. A create or update is the product's when it carries the table's
    /// mark (<see cref="CustomerColumnSecurity.ProductRecordMark"/>), a secured column no profile may write, so a user's
    /// write with it fails on column security and one without it is refused here. A delete carries no columns: it is the
    /// product's when SYSTEM makes it (the history's clean-up) or the deletion of the customer cascades to it.
    /// </summary>
    [Step(MessageName.Create, Stage.PreValidation, Mode.Synchronous, CustomerScoreChange.EntityLogicalName, TierOverrideAudit.EntityLogicalName,
        Description = "Only the product records score history and override audit rows.")]
    [Step(MessageName.Update, Stage.PreValidation, Mode.Synchronous, CustomerScoreChange.EntityLogicalName, FilteringAttributes = StepColumns.ScoreChangeContent,
        Description = "Score history rows are not changed after the product recorded them.")]
    [Step(MessageName.Update, Stage.PreValidation, Mode.Synchronous, TierOverrideAudit.EntityLogicalName, FilteringAttributes = StepColumns.OverrideAuditContent,
        Description = "Override audit rows are not changed after the product recorded them.")]
    [Step(MessageName.Delete, Stage.PreValidation, Mode.Synchronous, CustomerScoreChange.EntityLogicalName, TierOverrideAudit.EntityLogicalName,
        Description = "Only the product removes score history and override audit rows.")]
    public sealed class RefuseForgedRecords : PluginBase
    {
        public RefuseForgedRecords(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var table = execution.PrimaryEntityName;
            if (execution.MessageName == MessageName.Delete ? IsProductDelete(context) : context.Target?.Contains(CustomerColumnSecurity.ProductRecordMark(table)) == true)
            {
                context.Trace("{0} of {1} {2} by the product: allowed.", execution.MessageName, table, execution.PrimaryEntityId);
                return;
            }
            context.Trace("{0} of {1} {2} by user {3} refused.", execution.MessageName, table, execution.PrimaryEntityId, execution.UserId);
            throw new InvalidPluginExecutionException(
                $"Only CrmExtensions writes {table} rows: score history and override audit rows are recorded when scores change or a tier is "
                + "overridden, and cannot be created, changed or deleted by hand. To override a tier, edit the customer's tier with a reason.");
        }

        /// <summary>
        /// SYSTEM (the plug-ins' own service) cannot be impersonated; the deletion of the customer the row belongs to
        /// cascades with the deleting user's identity, known by the pipeline that raised it.
        /// </summary>
        private static bool IsProductDelete(LocalPluginContext context)
        {
            var parent = context.Execution.ParentContext;
            if (parent != null && parent.MessageName == MessageName.Delete && CustomerColumnSecurity.IsCustomerTable(parent.PrimaryEntityName)) return true;
            var system = ((WhoAmIResponse)context.SystemService.Execute(new WhoAmIRequest())).UserId;
            return context.Execution.UserId == system;
        }
    }
}
