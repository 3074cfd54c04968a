using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Jobs;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Asynchronous PostOperation on Create of a recalculation page: evaluates its customers with individual requests
    /// (<see cref="PageRun"/>), far inside the 2-minute limit at the default 250 customers, and reports to the job.
    /// The async service runs pages on several workers at once and retries a page after a transient failure.
    /// </summary>
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, RecalculationPage.EntityLogicalName,
        Description = "Recalculate the customers of one page of a recalculation job.")]
    public sealed class RecalculateJobPage : PluginBase
    {
        public RecalculateJobPage(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            PageRun.Run(context.SystemService, new EntityReference(execution.PrimaryEntityName, execution.PrimaryEntityId), _ => Settings(context),
                execution.OperationCreatedOn, text => context.Trace(text));
        }
    }
}
