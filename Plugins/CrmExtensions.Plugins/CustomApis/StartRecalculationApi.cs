using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Jobs;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_StartRecalculation, unbound: starts a job (<see cref="JobStart"/>); its creation queues the plan
    /// (<see cref="Steps.PlanRecalculationJob"/>), and the pages run on the asynchronous service. Returns at once.
    /// </summary>
    [CustomApi(typeof(StartRecalculationRequest), "Start a recalculation job",
        "Recalculates accounts or contacts as a job of pages on the asynchronous service; the job row shows its progress.",
        ExecutePrivilege = RecalculationJob.StartPrivilege)]
    public sealed class StartRecalculationApi : PluginBase
    {
        public StartRecalculationApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var id = JobStart.Create(context, new StartRecalculationRequest(execution.InputParameters));
            CustomApiResponse.Over<StartRecalculationResponse>(execution.OutputParameters).JobId = id;
        }
    }
}
