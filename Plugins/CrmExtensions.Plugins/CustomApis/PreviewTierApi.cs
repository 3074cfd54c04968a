using CrmExtensions.Domain;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>cx_PreviewTier, unbound (a function): what a recalculation would give an account or contact, without writing anything.</summary>
    public sealed class PreviewTierApi : PluginBase
    {
        public const string MessageName = "cx_PreviewTier";

        public PreviewTierApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            if (!(execution.InputParameters.Contains(Parameters.Customer) && execution.InputParameters[Parameters.Customer] is EntityReference customer) || customer.Id == System.Guid.Empty)
                throw new DomainValidationException($"{MessageName} needs Customer: a reference to an account or contact.");
            var settings = SettingsProvider.Resolve(UnsecureConfiguration, execution.OrganizationId, context.SystemService);
            var assessment = new CustomerRecalculation(context.SystemService, settings).Preview(customer, execution.OperationCreatedOn);
            execution.OutputParameters["Tier"] = Choice.ToOption(assessment.Tier);
            execution.OutputParameters["CurrentValue"] = assessment.Value.CurrentValue;
            execution.OutputParameters["GrowthPotential"] = assessment.Value.GrowthPotential;
            execution.OutputParameters["LifetimeProfit"] = assessment.Value.LifetimeProfit;
            execution.OutputParameters["LifecycleStage"] = Choice.ToOption(assessment.Lifecycle.Stage);
            execution.OutputParameters["LoyaltyLevel"] = Choice.ToOption(assessment.Loyalty.Level);
            execution.OutputParameters["ChurnRisk"] = assessment.Churn.Score;
            execution.OutputParameters["ChurnReasons"] = assessment.Churn.ReasonsText;
        }
    }
}
