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
    /// Learns the value-matrix lines and the purchase model from the active accounts and contacts that have a facts
    /// ledger and stores them as the cx_setting row "CustomerValueCalibration", which every evaluation reads with the
    /// admin's settings. It runs in one execution (a calibrating job's plan), so it reads at most <see cref="MaxCustomers"/>
    /// ledgers: a larger population is calibrated on an even sample of it (every n-th customer in id order), which puts
    /// percentile lines and the model's parameters where the whole population would within sampling noise, while the ids
    /// (5,000 a call) and the sample's ledgers (2,000 a call) stay a few hundred calls at 1,000,000 customers.
    /// </summary>
    public static class SettingsCalibration
    {
        /// <summary>Ledgers one calibration reads: 50 calls of 2,000, a small part of one execution's two minutes.</summary>
        public const int MaxCustomers = 100000;

        public static CalibrationSettings Run(IOrganizationService service, CrmExtensionsSettings settings, DateTime asOf)
        {
            var facts = new List<CustomerFacts>();
            foreach (var table in new[] { Account.EntityLogicalName, Contact.EntityLogicalName })
                foreach (var customer in Ledgers(service, table))
                {
                    var ledger = CustomerFactsLedger.Parse(customer.GetAttributeValue<string>(CustomerColumns.FactsLedger));
                    if (ledger == null) continue;
                    ledger.Compact(asOf, settings);
                    facts.Add(ledger.ToFacts(customer.Id, asOf, settings, null, null));
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

        /// <summary>The ledgers of the table's active customers that have one, or of an even sample of them past <see cref="MaxCustomers"/>.</summary>
        private static IEnumerable<Entity> Ledgers(IOrganizationService service, string table)
        {
            QueryExpression Query(ColumnSet columns)
            {
                var query = new QueryExpression(table) { ColumnSet = columns };
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
                query.Criteria.AddCondition(CustomerColumns.FactsLedger, ConditionOperator.NotNull);
                return query;
            }
            var ids = PagedQuery.All(service, Query(new ColumnSet(false))).Select(r => r.Id).ToList();
            if (ids.Count <= MaxCustomers) return PagedQuery.All(service, Query(new ColumnSet(CustomerColumns.FactsLedger)));
            var step = (double)ids.Count / MaxCustomers;
            var sample = Enumerable.Range(0, MaxCustomers).Select(i => ids[(int)(i * step)]).ToList();
            return Enumerable.Range(0, (sample.Count + QueryLimits.InValues - 1) / QueryLimits.InValues).SelectMany(chunk =>
            {
                var query = Query(new ColumnSet(CustomerColumns.FactsLedger));
                query.Criteria.AddCondition(Common.PrimaryIdOf(table), ConditionOperator.In, sample.Skip(chunk * QueryLimits.InValues).Take(QueryLimits.InValues).Cast<object>().ToArray());
                return service.RetrieveMultiple(query).Entities;
            });
        }
    }
}
