using System;
using System.Collections.Concurrent;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// Where the rules' settings come from: the step's unsecure configuration when an admin set one, else the active
    /// cx_setting row "CustomerValue", else the shipped defaults. Parsed settings are immutable, so they are cached per
    /// organisation for a minute (and evicted when a cx_setting row changes on this server) to spare a query per event.
    /// </summary>
    public static class SettingsProvider
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
        private static readonly ConcurrentDictionary<Guid, Cached> Cache = new ConcurrentDictionary<Guid, Cached>();

        private sealed class Cached
        {
            public Cached(CrmExtensionsSettings settings, DateTime expires)
            {
                Settings = settings;
                Expires = expires;
            }

            public CrmExtensionsSettings Settings { get; }
            public DateTime Expires { get; }
        }

        public static CrmExtensionsSettings Resolve(string unsecureConfiguration, Guid organizationId, IOrganizationService service)
        {
            if (!string.IsNullOrWhiteSpace(unsecureConfiguration)) return SettingsLoader.Load(unsecureConfiguration);
            if (Cache.TryGetValue(organizationId, out var cached) && cached.Expires > DateTime.UtcNow) return cached.Settings;

            var query = new QueryExpression(Setting.EntityLogicalName) { ColumnSet = new ColumnSet(Setting.Value), TopCount = 1 };
            query.Criteria.AddCondition(Setting.Name, ConditionOperator.Equal, Setting.ActiveSettingsName);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
            var rows = service.RetrieveMultiple(query).Entities;
            var settings = SettingsLoader.Load(rows.Count == 0 ? null : rows[0].GetAttributeValue<string>(Setting.Value));
            Cache[organizationId] = new Cached(settings, DateTime.UtcNow.Add(CacheFor));
            return settings;
        }

        public static void Evict(Guid organizationId) => Cache.TryRemove(organizationId, out _);
    }
}
