using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// WebResources/src/shared/schema.ts against what it copies: its columns are declared on account (the history's on
    /// the history table), its choice values
    /// and labels are the option sets', its option base the publisher's, the override privilege the one the plug-ins
    /// check and a role grants, the reason length the domain's. (The value-matrix page reads the thresholds in force
    /// from cx_ValueThresholds, so schema.ts holds no copy of them.)
    /// </summary>
    public static class WebSchemaCopies
    {
        public const string SchemaFile = "WebResources/src/shared/schema.ts";

        // Each record of choice values in schema.ts, with the option set it copies.
        private static readonly (string Constant, string OptionSet)[] ChoiceRecords =
        {
            ("Tiers", "cx_tier"), ("Stages", "cx_lifecyclestage"), ("ChurnBands", "cx_churnriskband"), ("LoyaltyLevels", "cx_loyaltylevel"),
        };

        private static readonly (string Constant, string OptionSet, string Label)[] ChoiceValues =
        {
            ("ChurnBandHigh", "cx_churnriskband", "High"), ("ChurnBandMedium", "cx_churnriskband", "Medium"),
            ("ScopeAccounts", "cx_recalculationscope", "Accounts"), ("ScopeContacts", "cx_recalculationscope", "Contacts"),
        };

        /// <summary>A table constant and the record of its columns the web resources read or write.</summary>
        private static readonly (string Table, string Columns)[] TableColumns = { ("HistoryTable", "HistoryColumns"), ("JobTable", "JobColumns") };

        public static IEnumerable<ValidationIssue> Check(SolutionSource source, string schemaTs)
        {
            TypeScriptConstants schema;
            try
            {
                schema = TypeScriptConstants.Parse(schemaTs);
            }
            catch (FormatException ex)
            {
                return new[] { new ValidationIssue(SchemaFile, 0, "cannot be read as literals: " + ex.Message) };
            }
            var issues = new List<ValidationIssue>();
            void Add(TypeScriptLiteral at, string message) => issues.Add(new ValidationIssue(SchemaFile, at?.Line ?? 0, message));
            TypeScriptLiteral Constant(string name)
            {
                var literal = schema[name];
                if (literal == null) Add(null, $"'{name}' is missing");
                return literal;
            }

            var declared = source.DeclaredColumns().TryGetValue(Account.EntityLogicalName, out var columns) ? columns : new Dictionary<string, string>();
            foreach (var column in Constant("Columns")?.Properties ?? Empty)
                if (!(column.Value.Value is string name) || !declared.ContainsKey(name)) Add(column.Value, $"Columns.{column.Key} '{column.Value.Value}' is not a column of account in Solution/src");

            foreach (var (tableConstant, columnsConstant) in TableColumns)
            {
                var table = Constant(tableConstant);
                var tableColumns = source.DeclaredColumns().TryGetValue(table?.Value as string ?? "", out var found) ? found : null;
                if (table != null && tableColumns == null) Add(table, $"{tableConstant} '{table.Value}' is not a table of Solution/src");
                foreach (var column in Constant(columnsConstant)?.Properties ?? Empty)
                    if (tableColumns != null && (!(column.Value.Value is string name) || !tableColumns.ContainsKey(name)))
                        Add(column.Value, $"{columnsConstant}.{column.Key} '{column.Value.Value}' is not a column of {table.Value} in Solution/src");
            }

            var optionBase = Constant("OptionBase");
            if (optionBase != null && !Equals(optionBase.Value, (decimal?)SchemaCopies.OptionBaseOf(source)))
                Add(optionBase, $"OptionBase {optionBase.Value} is not the publisher's first option value ({SchemaCopies.OptionBaseOf(source)})");

            foreach (var (constant, optionSet) in ChoiceRecords)
            {
                var options = SchemaCopies.OptionsOf(source, optionSet) ?? new Dictionary<int, (string Label, int Line)>();
                var record = Constant(constant)?.Properties;
                if (record == null) continue;
                foreach (var entry in record)
                {
                    var label = entry.Value.Value as string ?? entry.Value.Properties?["label"]?.Value as string;
                    if (!int.TryParse(entry.Key, out var value) || !options.TryGetValue(value, out var option))
                        Add(entry.Value, $"{constant}[{entry.Key}] is not an option of {optionSet}");
                    else if (label != option.Label)
                        Add(entry.Value, $"{constant}[{entry.Key}] is labelled '{label}', but {optionSet} labels it '{option.Label}'");
                }
                foreach (var missing in options.Keys.Where(v => !record.ContainsKey(v.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                    Add(Constant(constant), $"{constant} lacks option {missing} '{options[missing].Label}' of {optionSet}");
            }

            foreach (var (constant, optionSet, label) in ChoiceValues)
            {
                var literal = Constant(constant);
                var option = SchemaCopies.OptionsOf(source, optionSet)?.FirstOrDefault(o => o.Value.Label == label);
                if (literal != null && (option == null || !Equals(literal.Value, (decimal)option.Value.Key)))
                    Add(literal, $"{constant} {literal.Value} is not the option '{label}' of {optionSet} ({option?.Key.ToString() ?? "none"})");
            }

            var privilege = Constant("OverridePrivilege");
            if (privilege != null && (string)privilege.Value != TierOverrideAudit.OverridePrivilege)
                Add(privilege, $"OverridePrivilege '{privilege.Value}' is not the one the plug-ins check ('{TierOverrideAudit.OverridePrivilege}')");
            if (privilege != null && !source.Under("Roles").Any(r => r.Value.Descendants("RolePrivilege").Any(p => (string)p.Attribute("name") == (string)privilege.Value)))
                Add(privilege, $"no role in Solution/src/Roles grants '{privilege.Value}'");

            var reasonLength = Constant("MinReasonLength");
            if (reasonLength != null && !Equals(reasonLength.Value, (decimal)TierOverridePolicy.MinReasonLength))
                Add(reasonLength, $"MinReasonLength {reasonLength.Value} is not TierOverridePolicy.MinReasonLength ({TierOverridePolicy.MinReasonLength})");

            return issues;
        }

        private static readonly IReadOnlyDictionary<string, TypeScriptLiteral> Empty = new Dictionary<string, TypeScriptLiteral>();
    }
}
