using System;
using System.Collections.Generic;
using System.Linq;
using System.ServiceModel;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Queries
{
    /// <summary>
    /// Runs an additive aggregate (count, sum, min, max by customer) over customers cut into lists the platform takes, and
    /// past its 50,000-row limit over halves — of the customers, then of the date range for a single customer — so big
    /// customers slow the read down instead of failing it. Callers add up the parts. Outside a transaction the platform's
    /// refusal (by its error code) tells when to split; inside one a failed call would doom the transaction, so the rows
    /// are counted first and the aggregate is split before it is sent.
    /// </summary>
    public sealed class PartitionedAggregate
    {
        /// <summary>The earliest date Dataverse stores (1753-01-01): an aggregate "since ever" starts here, so no old record drops out.</summary>
        public static readonly DateTime EarliestDate = DateTime.SpecifyKind(DateTimeAttributeMetadata.MinSupportedValue, DateTimeKind.Utc);

        private readonly IOrganizationService _service;
        private readonly bool _inTransaction;

        public PartitionedAggregate(IOrganizationService service, bool inTransaction)
        {
            _service = service;
            _inTransaction = inTransaction;
        }

        /// <summary>The rows of <paramref name="fetch"/> over the customers <paramref name="ids"/> and the dates [from, to).</summary>
        public IEnumerable<Entity> Read(IReadOnlyList<string> ids, DateTime from, DateTime to, Func<string[], DateTime, DateTime, XElement> fetch)
        {
            var rows = new List<Entity>();
            for (var i = 0; i < ids.Count; i += QueryLimits.InValues) rows.AddRange(ReadPart(ids.Skip(i).Take(QueryLimits.InValues).ToList(), from, to, fetch));
            return rows;
        }

        private IEnumerable<Entity> ReadPart(IReadOnlyList<string> ids, DateTime from, DateTime to, Func<string[], DateTime, DateTime, XElement> fetch)
        {
            var query = fetch(ids.ToArray(), from, to);
            var splittable = ids.Count > 1 || (to - from).TotalDays > 1;
            if (_inTransaction && splittable && CoversMoreThanTheLimit(query)) return Split(ids, from, to, fetch);
            try
            {
                return _service.RetrieveMultiple(new FetchExpression(query.ToString(SaveOptions.DisableFormatting))).Entities.ToList();
            }
            catch (FaultException<OrganizationServiceFault> ex) when (ex.Detail?.ErrorCode == PlatformErrors.AggregateQueryRecordLimitExceeded && splittable && !_inTransaction)
            {
                return Split(ids, from, to, fetch);
            }
        }

        private IEnumerable<Entity> Split(IReadOnlyList<string> ids, DateTime from, DateTime to, Func<string[], DateTime, DateTime, XElement> fetch)
        {
            if (ids.Count > 1)
            {
                var half = ids.Count / 2;
                return ReadPart(ids.Take(half).ToList(), from, to, fetch).Concat(ReadPart(ids.Skip(half).ToList(), from, to, fetch)).ToList();
            }
            var middle = from.AddTicks((to - from).Ticks / 2);
            return ReadPart(ids, from, middle, fetch).Concat(ReadPart(ids, middle, to, fetch)).ToList();
        }

        /// <summary>
        /// Whether the aggregate would cover more rows than the platform aggregates: the same query without its aggregates,
        /// read a page of ids at a time with the paging cookie, up to one row past the limit (at most 11 small reads).
        /// </summary>
        private bool CoversMoreThanTheLimit(XElement aggregate)
        {
            var rows = new XElement(aggregate);
            rows.Attribute("aggregate")?.Remove();
            rows.Descendants("attribute").Remove();
            rows.SetAttributeValue("count", QueryLimits.PageSize);
            var seen = 0;
            for (var page = 1; ; page++)
            {
                rows.SetAttributeValue("page", page);
                var result = _service.RetrieveMultiple(new FetchExpression(rows.ToString(SaveOptions.DisableFormatting)));
                seen += result.Entities.Count;
                if (seen > QueryLimits.AggregateRows) return true;
                if (!result.MoreRecords) return false;
                rows.SetAttributeValue("paging-cookie", result.PagingCookie);
            }
        }
    }
}
