using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_ValueThresholds, unbound function: the value matrix thresholds recalculation uses now, for pages that draw the matrix.</summary>
    public sealed class ValueThresholdsRequest : CustomApiRequest<ValueThresholdsResponse>
    {
        public const string ApiName = "cx_ValueThresholds";

        public ValueThresholdsRequest() : base(ApiName, null) { }
        public ValueThresholdsRequest(ParameterCollection parameters) : base(ApiName, parameters) { }
    }

    public sealed class ValueThresholdsResponse : CustomApiResponse
    {
        [Parameter("Current value per year from which a customer counts as high")]
        public decimal CurrentValueThreshold { get => Get<decimal>(nameof(CurrentValueThreshold)); set => Set(nameof(CurrentValueThreshold), value); }

        [Parameter("Growth potential per year from which a customer of low current value counts as high")]
        public decimal GrowthPotentialThreshold { get => Get<decimal>(nameof(GrowthPotentialThreshold)); set => Set(nameof(GrowthPotentialThreshold), value); }

        [Parameter("Growth potential per year from which a customer of high current value counts as high")]
        public decimal GrowthPotentialThresholdAtHighValue { get => Get<decimal>(nameof(GrowthPotentialThresholdAtHighValue)); set => Set(nameof(GrowthPotentialThresholdAtHighValue), value); }

        [Parameter("When the lines were learnt from the org's customers; empty while they are the configured amounts")]
        public DateTime? CalibratedOn { get => Get<DateTime?>(nameof(CalibratedOn)); set => Set(nameof(CalibratedOn), value); }
    }
}
