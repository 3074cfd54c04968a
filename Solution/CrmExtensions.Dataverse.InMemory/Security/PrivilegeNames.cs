using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>
    /// The privilege a right on a table needs: prv&lt;Right&gt;&lt;schema name&gt;. Platform tables are named by their schema
    /// name (prvReadAccount); activities share the Activity privileges and order lines their order's; custom tables keep
    /// their logical name (prvReadcx_setting).
    /// </summary>
    public static class PrivilegeNames
    {
        private static readonly Dictionary<string, string> SchemaNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["account"] = "Account",
            ["contact"] = "Contact",
            ["salesorder"] = "SalesOrder",
            ["salesorderdetail"] = "SalesOrder",
            ["invoice"] = "Invoice",
            ["incident"] = "Incident",
            ["opportunity"] = "Opportunity",
            ["product"] = "Product",
            ["systemuser"] = "User",
            ["businessunit"] = "BusinessUnit",
            ["task"] = "Activity",
            ["phonecall"] = "Activity",
            ["opportunityclose"] = "Activity",
            ["incidentresolution"] = "Activity",
        };

        public static string For(AccessRight right, string table) => "prv" + right + SchemaName(table);

        private static string SchemaName(string table) =>
            SchemaNames.TryGetValue(table, out var name) ? name
            : table.Contains("_") ? table
            : char.ToUpperInvariant(table[0]) + table.Substring(1);
    }
}
