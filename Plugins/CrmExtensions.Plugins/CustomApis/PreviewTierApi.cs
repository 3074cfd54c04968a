using CrmExtensions.Domain;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_PreviewTier, unbound (a function): what a recalculation would give an account or contact, without writing
    /// anything. It discloses the customer's values, so it needs the privilege to read score history (both product roles)
    /// and answers only about a customer the caller can read.
    /// </summary>
    [CustomApi(typeof(PreviewTierRequest), "Preview customer tier", "What a recalculation would give the customer, without saving anything.", IsFunction = true,
        ExecutePrivilege = CustomerScoreChange.ReadPrivilege)]
    public sealed class PreviewTierApi : PluginBase
    {
        public PreviewTierApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var customer = new PreviewTierRequest(execution.InputParameters).Customer;
            if (customer == null || customer.Id == System.Guid.Empty)
                throw new DomainValidationException($"{PreviewTierRequest.ApiName} needs Customer: a reference to an account or contact.");
            CallerAccess.DemandRead(context, customer);
            var assessment = Recalculation(context, TriggerKind.Recalculation).Preview(customer, execution.OperationCreatedOn);
            var response = CustomApiResponse.Over<PreviewTierResponse>(execution.OutputParameters);
            response.Tier = Choice.ToOption(assessment.Tier);
            response.CurrentValue = assessment.Value.CurrentValue;
            response.GrowthPotential = assessment.Value.GrowthPotential;
            response.LifetimeProfit = assessment.Value.LifetimeProfit;
            response.LifecycleStage = Choice.ToOption(assessment.Lifecycle.Stage);
            response.LoyaltyLevel = Choice.ToOption(assessment.Loyalty.Level);
            response.RepeatPurchaseRate = assessment.Loyalty.Indicators.RepeatPurchaseRate;
            response.CrossPurchaseBreadth = assessment.Loyalty.Indicators.CrossPurchaseBreadth;
            response.Referrals = assessment.Loyalty.Indicators.Referrals;
            response.PriceTolerance = assessment.Loyalty.Indicators.PriceTolerance;
            response.ChurnRisk = assessment.Churn.Score;
            response.ChurnReasons = assessment.Churn.ReasonsText;
        }
    }
}
