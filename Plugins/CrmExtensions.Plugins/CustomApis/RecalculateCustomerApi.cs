using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_RecalculateCustomer, bound to account: recalculates now and returns the outcome (the form's "Recalculate value"
    /// command, the workflow activities). It writes the evaluation and retention work as SYSTEM, so it needs the privilege
    /// to read tier overrides (the roles that answer for tiers: Customer Value Manager and Administrator) and acts only on
    /// an account the caller can read.
    /// </summary>
    [CustomApi(typeof(RecalculateCustomerRequest), "Recalculate customer value", "Recalculates the account now: value, tier, lifecycle, loyalty, churn and retention activities.",
        ExecutePrivilege = TierOverrideAudit.ReadPrivilege)]
    public sealed class RecalculateCustomerApi : PluginBase
    {
        public RecalculateCustomerApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var customer = new RecalculateCustomerRequest(execution.InputParameters).Target
                ?? throw new InvalidPluginExecutionException($"{RecalculateCustomerRequest.ApiName} must be called on an account.");
            CallerAccess.DemandRead(context, customer);
            var result = Recalculation(context, TriggerKind.Recalculation).Rebuild(new[] { customer }, execution.OperationCreatedOn);
            var assessment = result.Assessments[customer.Id];
            var response = CustomApiResponse.Over<RecalculateCustomerResponse>(execution.OutputParameters);
            response.Tier = Choice.ToOption(assessment.Tier);
            response.ChurnRisk = assessment.Churn.Score;
            response.ActivitiesCreated = result.ActivitiesCreated;
            response.ActivitiesUpdated = result.ActivitiesUpdated;
            response.ActivitiesCancelled = result.ActivitiesCancelled;
        }
    }
}
