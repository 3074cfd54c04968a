using System;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_ValueThresholds, unbound (a function): the lines in force, from the same settings and the same
    /// <see cref="CustomerValueMatrix"/> a recalculation uses (percentile lines once calibrated, else the configured
    /// amounts), so the value-matrix page draws the lines the tiers were computed with instead of a copy of the defaults.
    /// </summary>
    [CustomApi(typeof(ValueThresholdsRequest), "Value matrix thresholds", "The current value and growth potential thresholds recalculation uses now.", IsFunction = true)]
    public sealed class ValueThresholdsApi : PluginBase
    {
        public ValueThresholdsApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var settings = Settings(context);
            var matrix = CustomerValueMatrix.From(settings);
            var response = CustomApiResponse.Over<ValueThresholdsResponse>(context.Execution.OutputParameters);
            response.CurrentValueThreshold = matrix.CurrentValueThreshold;
            response.GrowthPotentialThreshold = matrix.GrowthPotentialThreshold;
            response.GrowthPotentialThresholdAtHighValue = matrix.GrowthPotentialThresholdAtHighValue;
            response.CalibratedOn = matrix.IsCalibrated ? settings.Calibration.CalibratedOn : (DateTime?)null;
        }
    }
}
