using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>What the rules check against, and where they report.</summary>
    public sealed class ValidationContext
    {
        public ValidationContext(SolutionSource source, SolutionBuild build, SolutionSource core = null)
        {
            Source = source;
            Build = build;
            Core = core;
            Declared = (core ?? source).DeclaredColumns();
            foreach (var table in source.DeclaredColumns()) Declared[table.Key] = table.Value;
        }

        public SolutionSource Source { get; }

        /// <summary>The core solution an add-on solution (the service part) builds on; null when checking the core.</summary>
        public SolutionSource Core { get; }
        public SolutionBuild Build { get; }

        /// <summary>Columns (and their types) each table declares in its Entity.xml.</summary>
        public Dictionary<string, Dictionary<string, string>> Declared { get; }

        public List<ValidationIssue> Issues { get; } = new List<ValidationIssue>();

        public void Add(string file, XObject at, string message) => Issues.Add(new ValidationIssue(file, SolutionSource.Line(at), message));

        /// <summary>The type of a column the solution declares or the platform provides; null when it is neither.</summary>
        public string ColumnType(string table, string column)
        {
            if (string.IsNullOrEmpty(table) || string.IsNullOrEmpty(column)) return null;
            if (Declared.TryGetValue(table, out var declared) && declared.TryGetValue(column, out var type)) return type;
            if (column.Equals(PlatformColumns.PrimaryIdOf(table), StringComparison.OrdinalIgnoreCase)) return "primarykey";
            return PlatformColumns.TypeOf(table, column);
        }

        public void CheckColumn(string file, XObject at, string table, string column, string what)
        {
            if (string.IsNullOrEmpty(table) || string.IsNullOrEmpty(column) || ColumnType(table, column) != null) return;
            Add(file, at, $"{what} '{column}' is not declared on {table}");
        }

        public IEnumerable<(string File, XElement Root)> Files(string folder, Func<string, bool> where = null) =>
            Source.Under(folder).Where(f => where == null || where(f.Key)).Select(f => (f.Key, f.Value.Root));

        public static IEnumerable<string> Split(string list) =>
            (list ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);
    }

    /// <summary>Platform columns the solution uses without declaring them (they ship with Dataverse or the Dynamics 365 apps), with their types.</summary>
    public static class PlatformColumns
    {
        private static readonly Dictionary<string, string> Common = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["statecode"] = "state", ["statuscode"] = "status", ["ownerid"] = "owner", ["createdon"] = "datetime", ["modifiedon"] = "datetime",
            ["createdby"] = "lookup", ["modifiedby"] = "lookup",
        };

        private static readonly Dictionary<string, Dictionary<string, string>> ByTable = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["account"] = Columns(("name", "nvarchar"), ("transactioncurrencyid", "lookup"), ("exchangerate", "decimal"), ("parentaccountid", "lookup")),
            ["contact"] = Columns(("fullname", "nvarchar"), ("transactioncurrencyid", "lookup"), ("exchangerate", "decimal"), ("parentcustomerid", "customer")),
            ["task"] = Columns(("subject", "nvarchar"), ("regardingobjectid", "lookup"), ("scheduledend", "datetime"), ("actualend", "datetime"), ("description", "ntext")),
            ["phonecall"] = Columns(("subject", "nvarchar"), ("regardingobjectid", "lookup"), ("scheduledend", "datetime"), ("actualend", "datetime"), ("description", "ntext")),
            ["salesorder"] = Columns(("customerid", "customer"), ("totalamount", "money"), ("totaldiscountamount", "money"), ("totalamount_base", "money"),
                ("totaldiscountamount_base", "money"), ("submitdate", "datetime"), ("datefulfilled", "datetime"), ("discountamount", "money")),
            ["invoice"] = Columns(("customerid", "customer"), ("totalamount", "money"), ("totaldiscountamount", "money"), ("totalamount_base", "money"),
                ("totaldiscountamount_base", "money"), ("salesorderid", "lookup"), ("discountamount", "money")),
            ["salesorderdetail"] = Columns(("salesorderid", "lookup"), ("productid", "lookup")),
            ["orderclose"] = Columns(("salesorderid", "lookup")),
            ["incident"] = Columns(("customerid", "customer"), ("casetypecode", "picklist"), ("title", "nvarchar")),
            ["opportunityclose"] = Columns(("opportunityid", "lookup"), ("competitorid", "lookup"), ("actualend", "datetime")),
            ["incidentresolution"] = Columns(("incidentid", "lookup")),
            ["product"] = Columns(("name", "nvarchar")),
        };

        /// <summary>Activity tables share activitypointer's key, so a view or chart of them names activityid, never "&lt;table&gt;id".</summary>
        private static readonly ISet<string> Activities = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "task", "phonecall", "opportunityclose", "incidentresolution", "orderclose" };

        public static string PrimaryIdOf(string table) => Activities.Contains(table) ? "activityid" : table + "id";

        /// <summary>Platform tables the solution refers to without shipping them (lookup targets, bindings).</summary>
        public static readonly ISet<string> Tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "account", "contact", "systemuser", "team", "businessunit", "organization", "competitor",
        };

        public static string TypeOf(string table, string column) =>
            ByTable.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var type) ? type
            : Common.TryGetValue(column, out var common) ? common : null;

        private static Dictionary<string, string> Columns(params (string Name, string Type)[] columns) =>
            columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
    }
}
