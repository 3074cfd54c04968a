using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Jobs;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_CalibrateSettings, unbound: starts a calibrating recalculation job of the accounts and returns it at once. Its
    /// plan learns the value-matrix lines and the purchase model from the customers' ledgers (<see cref="Recalculation.SettingsCalibration"/>),
    /// stores them as the cx_setting row "CustomerValueCalibration", which events use from then on, and its pages place
    /// every account by them. Reading every ledger inside this call's transaction would not end within its two minutes.
    /// </summary>
    [CustomApi(typeof(CalibrateSettingsRequest), "Calibrate customer value settings",
        "Starts a job that learns the value-matrix lines and the purchase model from the customers' ledgers, stores them as the settings' calibration and "
        + "places every account by them.",
        ExecutePrivilege = Setting.WritePrivilege)]
    public sealed class CalibrateSettingsApi : PluginBase
    {
        public CalibrateSettingsApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var id = JobStart.Create(context, new StartRecalculationRequest { Calibrate = true });
            CustomApiResponse.Over<CalibrateSettingsResponse>(context.Execution.OutputParameters).JobId = id;
        }
    }
}
