using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    /// <summary>A platform table that only a Dynamics 365 app brings: its display name and the app's solution.</summary>
    public sealed class AppTable
    {
        public AppTable(string name, string displayName, string app)
        {
            Name = name;
            DisplayName = displayName;
            App = app;
        }

        public string Name { get; }
        public string DisplayName { get; }

        /// <summary>The app's solution unique name (msdynce_Sales, msdynce_Service, msdynce_ProductManagement).</summary>
        public string App { get; }

        /// <summary>"UniqueName (version)", as an export that depends on the app names it in Required/@solution.</summary>
        public string AppWithVersion => $"{App} ({PlatformApps.Versions[App]})";
    }

    /// <summary>
    /// The Dynamics 365 apps whose tables the product uses, in one place: an org without the app has none of its tables
    /// (the host refuses them as Dataverse does), and a solution that uses them names the app under MissingDependencies,
    /// so an import into an org without it stops before it changes anything.
    /// </summary>
    public static class PlatformApps
    {
        public const string Sales = "msdynce_Sales", Service = "msdynce_Service", ProductManagement = "msdynce_ProductManagement";

        /// <summary>The apps' names as an admin knows them.</summary>
        public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Sales] = "Dynamics 365 Sales", [Service] = "Dynamics 365 Customer Service", [ProductManagement] = "Dynamics 365 product catalog (Sales)",
        };

        /// <summary>
        /// The versions real exports that depend on the apps carry (microsoft/Dynamics-365-Industry-Accelerators' solution.xml
        /// files); they are the exporting org's, and an import checks only that the app is there.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Sales] = "9.0.4.0076", [Service] = "9.0.5.56", [ProductManagement] = "9.0.4.0066",
        };

        public static readonly IReadOnlyDictionary<string, AppTable> Tables = new[]
        {
            new AppTable("competitor", "Competitor", Sales),
            new AppTable("incident", "Case", Service),
            new AppTable("incidentresolution", "Case Resolution", Service),
            new AppTable("invoice", "Invoice", Sales),
            new AppTable("invoicedetail", "Invoice Product", Sales),
            new AppTable("opportunityclose", "Opportunity Close", Sales),
            new AppTable("orderclose", "Order Close", Sales),
            new AppTable("product", "Product", ProductManagement),
            new AppTable("salesorder", "Order", Sales),
            new AppTable("salesorderdetail", "Order Product", Sales),
        }.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

        /// <summary>The app a table needs; null for a table every Dataverse org has.</summary>
        public static string AppOf(string table) => table != null && Tables.TryGetValue(table, out var t) ? t.App : null;
    }
}
