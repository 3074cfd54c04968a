using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Learns the value-matrix lines and the purchase model from every active account and contact that has a facts
    /// ledger (read 5,000 rows a page, the ledger column only) and stores them as the cx_setting row
    /// "CustomerValueCalibration", which every evaluation reads with the admin's settings.
    /// </summary>
    public static class SettingsCalibration
    {
        public static CalibrationSettings Run(IOrganizationService service, CrmExtensionsSettings settings, DateTime asOf)
        {
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
            return calibration;
        }
    }
}
