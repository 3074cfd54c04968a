using System;
using System.ServiceModel;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Recalculation.Jobs;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Asynchronous PostOperation on Create of a recalculation job (from cx_StartRecalculation, the CLI, the nightly
    /// flow, or a new row saved on the form): calibrates first when the job asks for it, then splits the customers
    /// into page rows (<see cref="JobPlanner"/>). A job that cannot be planned (a filter the platform refuses) ends
    /// Failed with the reason on its row, where the admin looks.
    /// </summary>
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, RecalculationJob.EntityLogicalName,
        Description = "Split a new recalculation job into pages of customers.")]
    public sealed class PlanRecalculationJob : PluginBase
    {
        public PlanRecalculationJob(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var service = context.SystemService;
            var now = execution.OperationCreatedOn;
            var row = service.Retrieve(RecalculationJob.EntityLogicalName, execution.PrimaryEntityId, JobDefinition.Columns);
            try
            {
                var job = new JobDefinition(row);
                JobPlanner.Plan(service, job, now, () =>
                {
                    var calibration = SettingsCalibration.Run(service, Settings(context), job.AsOf);
                    context.Trace("Calibrated on {0} customers ({1} active) before planning.", calibration.Population, calibration.ActiveCustomers);
                });
            }
            catch (Exception ex) when (ex is DomainValidationException || ex is FaultException<OrganizationServiceFault>)
            {
                context.Trace("Planning failed: {0}", ex.Message);
                service.Update(new Entity(RecalculationJob.EntityLogicalName, execution.PrimaryEntityId)
                {
                    [RecalculationJob.Status] = new OptionSetValue((int)RecalculationStatusChoice.Failed),
                    [RecalculationJob.Errors] = ex.Message.Length <= RecalculationJob.TextMaxLength ? ex.Message : ex.Message.Substring(0, RecalculationJob.TextMaxLength),
                    [RecalculationJob.FinishedOn] = now,
                });
            }
        }
    }
}
