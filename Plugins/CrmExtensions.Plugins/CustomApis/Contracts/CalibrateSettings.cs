using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_CalibrateSettings, unbound: value-matrix lines and purchase model learnt from the customers' ledgers.</summary>
    public sealed class CalibrateSettingsRequest : CustomApiRequest<CalibrateSettingsResponse>
    {
        public const string ApiName = "cx_CalibrateSettings";

        public CalibrateSettingsRequest() : base(ApiName, null) { }
        public CalibrateSettingsRequest(ParameterCollection parameters) : base(ApiName, parameters) { }
    }

    public sealed class CalibrateSettingsResponse : CustomApiResponse
    {
        [Parameter("Customers with a purchase the purchase model was fitted on")]
        public int Population { get => Get<int>(nameof(Population)); set => Set(nameof(Population), value); }

        [Parameter("Customers with a purchase in the current-value window the lines were taken from")]
        public int ActiveCustomers { get => Get<int>(nameof(ActiveCustomers)); set => Set(nameof(ActiveCustomers), value); }

        [Parameter("Current value from which a customer is high")]
        public decimal CurrentValueThreshold { get => Get<decimal>(nameof(CurrentValueThreshold)); set => Set(nameof(CurrentValueThreshold), value); }

        [Parameter("Growth potential from which a customer of low current value is high")]
        public decimal GrowthPotentialThreshold { get => Get<decimal>(nameof(GrowthPotentialThreshold)); set => Set(nameof(GrowthPotentialThreshold), value); }

        [Parameter("Growth potential from which a customer of high current value is high")]
        public decimal GrowthPotentialThresholdAtHighValue { get => Get<decimal>(nameof(GrowthPotentialThresholdAtHighValue)); set => Set(nameof(GrowthPotentialThresholdAtHighValue), value); }
    }
}
