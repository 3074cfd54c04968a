using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_CalibrateSettings, unbound: <see cref="SettingsCalibration"/> on demand: value-matrix lines and purchase
    /// model learnt from the customers' ledgers, stored as the cx_setting row "CustomerValueCalibration". A recalculation job
    /// started with Calibrate runs the same before its pages, so they place everyone by the new lines; events use them at once.
    /// </summary>
    [CustomApi(typeof(CalibrateSettingsRequest), "Calibrate customer value settings",
        "Learns the value-matrix lines and the purchase model from the customers' ledgers and stores them as the settings' calibration.",
        ExecutePrivilege = Setting.WritePrivilege)]
    public sealed class CalibrateSettingsApi : PluginBase
    {
        public CalibrateSettingsApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var service = context.SystemService;
            var asOf = execution.OperationCreatedOn;
            var settings = Settings(context);

            var calibration = SettingsCalibration.Run(service, settings, asOf);
            context.Trace("Calibrated on {0} customers ({1} active).", calibration.Population, calibration.ActiveCustomers);

            var response = CustomApiResponse.Over<CalibrateSettingsResponse>(execution.OutputParameters);
            response.Population = calibration.Population;
            response.ActiveCustomers = calibration.ActiveCustomers;
            response.CurrentValueThreshold = calibration.CurrentValueThreshold;
            response.GrowthPotentialThreshold = calibration.GrowthPotentialThreshold;
            response.GrowthPotentialThresholdAtHighValue = calibration.GrowthPotentialThresholdAtHighValue;
        }
    }
}
