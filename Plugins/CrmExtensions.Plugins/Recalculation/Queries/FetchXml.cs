using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Queries
{
    /// <summary>The pieces of a FetchXML aggregate query, and the aliased values its rows come back with.</summary>
    public static class FetchXml
    {
        public static XElement AggregateQuery(string table, XElement filter, params XElement[] attributes) =>
            new XElement("fetch", new XAttribute("aggregate", "true"), new XElement("entity", new XAttribute("name", table), attributes, filter));

        public static XElement GroupBy(string attribute, string alias) =>
            new XElement("attribute", new XAttribute("name", attribute), new XAttribute("groupby", "true"), new XAttribute("alias", alias));

        public static XElement Aggregate(string attribute, string function, string alias) =>
            new XElement("attribute", new XAttribute("name", attribute), new XAttribute("aggregate", function), new XAttribute("alias", alias));

        public static XElement In(string attribute, IEnumerable<string> values) =>
            new XElement("condition", new XAttribute("attribute", attribute), new XAttribute("operator", "in"), values.Select(v => new XElement("value", v)));

        public static XElement Condition(string attribute, string op, object value = null) =>
            new XElement("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op),
                value == null ? null : new XAttribute("value", Convert.ToString(value, CultureInfo.InvariantCulture)));

        public static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public static object Raw(Entity row, string alias) => row.Contains(alias) ? (row[alias] as AliasedValue)?.Value : null;
        public static Guid Id(Entity row, string alias) => Raw(row, alias) is EntityReference r ? r.Id : (Guid)Raw(row, alias);
        public static int Int(Entity row, string alias) => Convert.ToInt32(Raw(row, alias) ?? 0, CultureInfo.InvariantCulture);
        public static decimal Decimal(Entity row, string alias) => Raw(row, alias) is Money m ? m.Value : Convert.ToDecimal(Raw(row, alias) ?? 0m, CultureInfo.InvariantCulture);
        public static DateTime? Date(Entity row, string alias) => Raw(row, alias) as DateTime?;
    }
}
