using System.Linq;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Account/contact Update of cx_retentionplan, synchronous PostOperation (same transaction as the write of the plan):
    /// creates, moves and cancels retention activities so they follow the plan, from the difference between the pre- and
    /// post-image plans alone — no reads. A plan whose writer already made the activities match (a full read) is skipped.
    /// </summary>
    public sealed class MaterializeRetentionPlan : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";

        public MaterializeRetentionPlan(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var after = RetentionPlan.Parse((context.PostImage(PostImageAlias) ?? context.Target)?.GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            if (after == null || after.Materialized) return;
            var before = RetentionPlan.Parse(context.PreImage(PreImageAlias)?.GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            var change = RetentionPlanChange.Between(before, after);
            if (change.IsEmpty) return;
            var customer = new EntityReference(context.Execution.PrimaryEntityName, context.Execution.PrimaryEntityId);
            foreach (var request in RetentionActivitySync.Requests(customer, change, after.Context).ToList()) context.SystemService.Execute(request);
            context.Trace("Retention plan of {0} {1}: {2} created, {3} moved, {4} cancelled.", customer.LogicalName, customer.Id,
                change.ToCreate.Count, change.ToMove.Count, change.ToCancel.Count);
        }
    }
}
