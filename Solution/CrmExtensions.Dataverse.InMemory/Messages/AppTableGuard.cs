using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// An org without a Dynamics 365 app has none of its tables (a Sales-only org has no case): any request that names one
    /// fails as Dataverse fails it, whether it writes, reads or joins the table.
    /// </summary>
    internal static class AppTableGuard
    {
        private static readonly Regex FetchTables = new Regex(@"<(?:link-)?entity\s[^>]*\bname\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase);

        public static void Check(InMemoryDataverse host, OrganizationRequest request)
        {
            foreach (var table in request.Parameters.Values.SelectMany(TablesIn).Distinct()) Check(host, table);
        }

        public static void Check(InMemoryDataverse host, string table)
        {
            var app = PlatformApps.AppOf(table);
            if (app != null && !host.HasSolution(app))
                throw new DataverseFaultException(ErrorCodes.QueryBuilderNoEntity, $"The entity with a name = '{table}' with namemapping = 'Logical' was not found in the MetadataCache.");
        }

        private static IEnumerable<string> TablesIn(object parameter)
        {
            switch (parameter)
            {
                case Entity entity: return new[] { entity.LogicalName };
                case EntityReference reference: return new[] { reference.LogicalName };
                case QueryExpression query: return new[] { query.EntityName }.Concat(query.LinkEntities.SelectMany(Linked));
                case QueryByAttribute query: return new[] { query.EntityName };
                case FetchExpression fetch: return FetchTables.Matches(fetch.Query ?? "").Cast<Match>().Select(m => m.Groups[1].Value);
                default: return Enumerable.Empty<string>();
            }
        }

        private static IEnumerable<string> Linked(LinkEntity link) => new[] { link.LinkToEntityName }.Concat(link.LinkEntities.SelectMany(Linked));
    }
}
