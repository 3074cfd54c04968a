using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>
    /// A paging cookie as the platform writes one: the page it ends and, per sort column (the query's own orders on its
    /// table, then the primary key), the value of that page's last row. The next page continues after those values, so a
    /// cookie stays good across writes and executions, and a row added or removed meanwhile is neither skipped nor repeated.
    /// </summary>
    internal static class PagingCookie
    {
        public static string Write(int page, IEnumerable<KeyValuePair<string, object>> lastRow) =>
            new XElement("cookie", new XAttribute("page", page.ToString(CultureInfo.InvariantCulture)),
                lastRow.Select(k => new XElement(k.Key, k.Value == null ? null : new XAttribute("last", Text(k.Value))))).ToString(SaveOptions.DisableFormatting);

        /// <summary>
        /// The last row's value per sort column (null for an empty one), or null when there is no cookie; the page asked for
        /// must be the one after the cookie's.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Read(string cookie, int page)
        {
            if (string.IsNullOrEmpty(cookie)) return null;
            XElement root;
            try
            {
                root = XElement.Parse(cookie);
            }
            catch (XmlException)
            {
                throw Invalid();
            }
            if (root.Name.LocalName != "cookie" || (int?)root.Attribute("page") != page - 1) throw Invalid();
            return root.Elements().Select(e => new KeyValuePair<string, string>(e.Name.LocalName, (string)e.Attribute("last"))).ToList();
        }

        private static string Text(object value)
        {
            switch (ValueComparer.Normalize(value))
            {
                case DateTime date: return date.ToString("o", CultureInfo.InvariantCulture);
                case decimal number: return number.ToString(CultureInfo.InvariantCulture);
                case Guid id: return id.ToString("B").ToUpperInvariant();
                case var other: return Convert.ToString(other, CultureInfo.InvariantCulture);
            }
        }

        private static DataverseFaultException Invalid() =>
            new DataverseFaultException(ErrorCodes.QueryBuilderInvalidPagingCookie, "Invalid page number in paging cookie.");
    }
}
