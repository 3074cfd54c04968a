using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// The customers a job covers, read in id order a page at a time with the platform's paging cookie (which carries
    /// the last id read, so a read can continue where another execution stopped, and no row is skipped or repeated
    /// when customers are added meanwhile): active rows of the scope table, kept by the admin's filter and, for a refresh,
    /// last evaluated before the job's cut-off or never. Ids compare in SQL Server's order, the order the platform pages in.
    /// </summary>
    public static class CustomerScope
    {
        /// <summary>The reads from <paramref name="position"/> on (null: from the first customer), each with where the next one starts.</summary>
        public static IEnumerable<ScopeRead> Reads(IOrganizationService service, JobDefinition job, ScopePosition position, int idsPerRead)
        {
            var at = position ?? ScopePosition.Start;
            while (true)
            {
                var fetch = Query(job, at, idsPerRead).ToString(SaveOptions.DisableFormatting);
                var result = service.RetrieveMultiple(new FetchExpression(fetch));
                var next = result.MoreRecords ? new ScopePosition(at.Page + 1, result.PagingCookie) : null;
                yield return new ScopeRead(result.Entities.Select(e => e.Id).ToList(), at, next);
                if (next == null) yield break;
                at = next;
            }
        }

        /// <summary>Whether <paramref name="id"/> comes after <paramref name="last"/> in the order the platform reads ids.</summary>
        public static bool IsAfter(Guid id, Guid last) => new SqlGuid(id).CompareTo(new SqlGuid(last)) > 0;

        public static XElement Query(JobDefinition job, ScopePosition at, int count)
        {
            var key = Common.PrimaryIdOf(job.Table);
            var filter = new XElement("filter", new XAttribute("type", "and"), FetchXml.Condition(Common.StateCode, "eq", Common.StateActive));
            if (job.EvaluatedBefore.HasValue)
                filter.Add(new XElement("filter", new XAttribute("type", "or"),
                    FetchXml.Condition(CustomerColumns.LastEvaluatedOn, "null"),
                    FetchXml.Condition(CustomerColumns.LastEvaluatedOn, "lt", FetchXml.Utc(job.EvaluatedBefore.Value))));
            if (job.Filter != null) filter.Add(new XElement(job.Filter));
            return new XElement("fetch", new XAttribute("count", count), new XAttribute("page", at.Page), at.Cookie == null ? null : new XAttribute("paging-cookie", at.Cookie),
                new XElement("entity", new XAttribute("name", job.Table),
                    new XElement("attribute", new XAttribute("name", key)), filter,
                    new XElement("order", new XAttribute("attribute", key))));
        }
    }

    /// <summary>Where a read of the scope starts: the page number and the paging cookie of the page before it.</summary>
    public sealed class ScopePosition
    {
        public static readonly ScopePosition Start = new ScopePosition(1, null);

        public ScopePosition(int page, string cookie)
        {
            Page = page;
            Cookie = cookie;
        }

        public int Page { get; }
        public string Cookie { get; }

        /// <summary>As a slice row keeps it: the page number, a space, the cookie.</summary>
        public override string ToString() => Page.ToString(CultureInfo.InvariantCulture) + " " + Cookie;

        public static ScopePosition Parse(string text)
        {
            var space = text.IndexOf(' ');
            return new ScopePosition(int.Parse(text.Substring(0, space), CultureInfo.InvariantCulture), text.Substring(space + 1));
        }
    }

    /// <summary>One read of the scope: its ids, where it started, and where the next read starts (null: none left).</summary>
    public sealed class ScopeRead
    {
        public ScopeRead(List<Guid> ids, ScopePosition at, ScopePosition next)
        {
            Ids = ids;
            At = at;
            Next = next;
        }

        public List<Guid> Ids { get; }
        public ScopePosition At { get; }
        public ScopePosition Next { get; }
    }
}
