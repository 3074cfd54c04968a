using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Queries
{
    /// <summary>
    /// Runs an additive aggregate (count, sum, min, max by customer) and, when the platform refuses it for aggregating
    /// more than 50,000 rows, runs it again over halves — of the customers, then of the date range for a single
    /// customer — so big customers slow the read down instead of failing it. Callers add up the parts.
    /// </summary>
    public sealed class PartitionedAggregate
    {
        /// <summary>The earliest date Dataverse stores (1753-01-01): an aggregate "since ever" starts here, so no old record drops out.</summary>
        public static readonly DateTime EarliestDate = DateTime.SpecifyKind(DateTimeAttributeMetadata.MinSupportedValue, DateTimeKind.Utc);

        private readonly IOrganizationService _service;

        public PartitionedAggregate(IOrganizationService service) { _service = service; }

        /// <summary>The rows of <paramref name="fetch"/> over the customers <paramref name="ids"/> and the dates [from, to).</summary>
        public IEnumerable<Entity> Read(IReadOnlyList<string> ids, DateTime from, DateTime to, Func<string[], DateTime, DateTime, XElement> fetch)
        {
            try
            {
                return _service.RetrieveMultiple(new FetchExpression(fetch(ids.ToArray(), from, to).ToString(SaveOptions.DisableFormatting))).Entities.ToList();
            }
            catch (Exception ex) when (IsAggregateLimit(ex) && (ids.Count > 1 || (to - from).TotalDays > 1))
            {
                if (ids.Count > 1)
                {
                    var half = ids.Count / 2;
                    return Read(ids.Take(half).ToList(), from, to, fetch).Concat(Read(ids.Skip(half).ToList(), from, to, fetch)).ToList();
                }
                var middle = from.AddTicks((to - from).Ticks / 2);
                return Read(ids, from, middle, fetch).Concat(Read(ids, middle, to, fetch)).ToList();
            }
        }

        /// <summary>The platform's refusal to aggregate over more than 50,000 rows (a fault whose message names the limit).</summary>
        private static bool IsAggregateLimit(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e.Message != null && e.Message.IndexOf("AggregateQueryRecordLimit", StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }
    }
}
