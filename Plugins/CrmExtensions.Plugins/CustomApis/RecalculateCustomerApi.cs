using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>cx_RecalculateCustomer, bound to account: recalculates now and returns the outcome (the form's "Recalculate value" command).</summary>
    public sealed class RecalculateCustomerApi : PluginBase
    {
        public const string MessageName = "cx_RecalculateCustomer";

        public RecalculateCustomerApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var customer = context.TargetReference ?? throw new InvalidPluginExecutionException($"{MessageName} must be called on an account.");
            var settings = SettingsProvider.Resolve(UnsecureConfiguration, execution.OrganizationId, context.SystemService);
            execution.SharedVariables[CustomerRecalculation.SharedVariable] = true;
            var result = new CustomerRecalculation(context.SystemService, settings).Rebuild(new[] { customer }, execution.OperationCreatedOn, batched: false);
            var assessment = result.Assessments[customer.Id];
            execution.OutputParameters["Tier"] = Choice.ToOption(assessment.Tier);
            execution.OutputParameters["ChurnRisk"] = assessment.Churn.Score;
            execution.OutputParameters["ActivitiesCreated"] = result.ActivitiesCreated;
            execution.OutputParameters["ActivitiesUpdated"] = result.ActivitiesUpdated;
            execution.OutputParameters["ActivitiesCancelled"] = result.ActivitiesCancelled;
        }
    }
}
