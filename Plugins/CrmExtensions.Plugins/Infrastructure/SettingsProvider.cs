using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// Where the rules' settings come from: the shipped defaults, under the last calibration (cx_setting row
    /// "CustomerValueCalibration", written by cx_CalibrateSettings), under the admin's document: the step's unsecure
    /// configuration when an admin set one, else the active cx_setting row "CustomerValue". Both rows come back in one
    /// query. Nothing is kept between executions (Microsoft: a plug-in keeps no data for its next invocation unless it
    /// came from its configuration): <see cref="LocalPluginContext"/> reads them at most once per execution.
    /// </summary>
    public static class SettingsProvider
    {
        public static CrmExtensionsSettings Read(IOrganizationService service, string unsecureConfiguration)
        {
            var query = new QueryExpression(Setting.EntityLogicalName) { ColumnSet = new ColumnSet(Setting.Name, Setting.Value) };
            query.Criteria.AddCondition(Setting.Name, ConditionOperator.In, Setting.ActiveSettingsName, Setting.CalibrationName);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
            var rows = service.RetrieveMultiple(query).Entities;
            string ValueOf(string name) => rows.FirstOrDefault(r => r.GetAttributeValue<string>(Setting.Name) == name)?.GetAttributeValue<string>(Setting.Value);
            var calibration = ValueOf(Setting.CalibrationName);
            return SettingsLoader.Load(calibration, string.IsNullOrWhiteSpace(unsecureConfiguration) ? ValueOf(Setting.ActiveSettingsName) : unsecureConfiguration);
        }
    }
}
