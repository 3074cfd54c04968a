using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_CalibrateSettings, unbound: learns the value-matrix lines and the purchase model from every active account
    /// and contact that has a facts ledger (read 5,000 rows a page, the ledger column only) and stores them as the
    /// cx_setting row "CustomerValueCalibration". Run it after a bulk recalculation has built the ledgers, then
    /// recalculate again (from the ledgers, cheap) so the tiers follow the new lines; events use them at once.
    /// </summary>
    [CustomApi(typeof(CalibrateSettingsRequest), "Calibrate customer value settings",
        "Learns the value-matrix lines and the purchase model from the customers' ledgers and stores them as the settings' calibration.",
        ExecutePrivilege = BulkRecalculateApi.BulkPrivilege)]
    public sealed class CalibrateSettingsApi : PluginBase
    {
        public CalibrateSettingsApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var service = context.SystemService;
            var asOf = execution.OperationCreatedOn;
            var settings = Settings(context);

            var facts = new List<CustomerFacts>();
            foreach (var table in new[] { Account.EntityLogicalName, Contact.EntityLogicalName })
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(CustomerColumns.FactsLedger) };
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
                query.Criteria.AddCondition(CustomerColumns.FactsLedger, ConditionOperator.NotNull);
                foreach (var customer in PagedQuery.All(service, query))
                {
                    var ledger = CustomerFactsLedger.Parse(customer.GetAttributeValue<string>(CustomerColumns.FactsLedger));
                    if (ledger == null) continue;
                    ledger.Compact(asOf, settings);
                    facts.Add(ledger.ToFacts(customer.Id, asOf, settings, null, null));
                }
            }

            var calibration = new PopulationCalibrator(settings).Calibrate(facts, asOf);
            var document = SettingsLoader.CalibrationDocument(calibration);
            var existing = new QueryExpression(Setting.EntityLogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            existing.Criteria.AddCondition(Setting.Name, ConditionOperator.Equal, Setting.CalibrationName);
            var row = service.RetrieveMultiple(existing).Entities.FirstOrDefault();
            if (row == null) service.Create(new Entity(Setting.EntityLogicalName) { [Setting.Name] = Setting.CalibrationName, [Setting.Value] = document });
            else service.Update(new Entity(Setting.EntityLogicalName, row.Id) { [Setting.Value] = document });
            SettingsProvider.Evict(execution.OrganizationId);
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
