using System;
using System.Collections.Concurrent;
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
    /// query; parsed settings are immutable, so they are cached per organisation for a minute (and evicted when a
    /// cx_setting row changes on this server) to spare a query per event.
    /// </summary>
    public static class SettingsProvider
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
        private static readonly ConcurrentDictionary<Guid, Cached> Cache = new ConcurrentDictionary<Guid, Cached>();

        private sealed class Cached
        {
            public Cached(string calibrationJson, CrmExtensionsSettings settings, DateTime expires)
            {
                CalibrationJson = calibrationJson;
                Settings = settings;
                Expires = expires;
            }

            public string CalibrationJson { get; }
            public CrmExtensionsSettings Settings { get; }
            public DateTime Expires { get; }
        }

        public static CrmExtensionsSettings Resolve(string unsecureConfiguration, Guid organizationId, IOrganizationService service)
        {
            if (!Cache.TryGetValue(organizationId, out var cached) || cached.Expires <= DateTime.UtcNow)
            {
                var query = new QueryExpression(Setting.EntityLogicalName) { ColumnSet = new ColumnSet(Setting.Name, Setting.Value) };
                query.Criteria.AddCondition(Setting.Name, ConditionOperator.In, Setting.ActiveSettingsName, Setting.CalibrationName);
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
                var rows = service.RetrieveMultiple(query).Entities;
                string ValueOf(string name) => rows.FirstOrDefault(r => r.GetAttributeValue<string>(Setting.Name) == name)?.GetAttributeValue<string>(Setting.Value);
                var calibration = ValueOf(Setting.CalibrationName);
                cached = new Cached(calibration, SettingsLoader.Load(calibration, ValueOf(Setting.ActiveSettingsName)), DateTime.UtcNow.Add(CacheFor));
                Cache[organizationId] = cached;
            }
            return string.IsNullOrWhiteSpace(unsecureConfiguration) ? cached.Settings : SettingsLoader.Load(cached.CalibrationJson, unsecureConfiguration);
        }

        public static void Evict(Guid organizationId) => Cache.TryRemove(organizationId, out _);
    }
}
