using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Tables and columns as exports carry them: a custom table with its primary key, its primary name flagged by
    /// DisplayMask and every system column and relationship its ownership brings; lookups as LookupStyle/LookupTypes
    /// with one relationship per target (a custom lookup; system ones come with the ownership); currency columns with their precision source and base-currency companion;
    /// Yes/No columns with their two labelled options; choices without invented attributes.
    /// </summary>
    public static class TableRules
    {
        private static readonly string[] SystemColumns =
        {
            "createdby", "createdon", "createdonbehalfby", "importsequencenumber", "modifiedby", "modifiedon", "modifiedonbehalfby",
            "overriddencreatedon", "statecode", "statuscode", "timezoneruleversionnumber", "utcconversiontimezonecode",
        };

        private static readonly Dictionary<string, string[]> OwnershipColumns = new Dictionary<string, string[]>
        {
            ["UserOwned"] = new[] { "ownerid", "owningbusinessunit", "owningteam", "owninguser" },
            ["OrganizationOwned"] = new[] { "organizationid" },
        };

        /// <summary>System relationships by ownership; {0} is the table. Created/modified by come with every table.</summary>
        private static readonly Dictionary<string, string[]> OwnershipRelationships = new Dictionary<string, string[]>
        {
            ["UserOwned"] = new[] { "lk_{0}_createdby", "lk_{0}_modifiedby", "business_unit_{0}", "owner_{0}", "team_{0}", "user_{0}" },
            ["OrganizationOwned"] = new[] { "lk_{0}_createdby", "lk_{0}_modifiedby", "organization_{0}" },
        };

        public static void Check(ValidationContext c)
        {
            var relationships = c.Files("Other/Relationships").SelectMany(f => f.Root.Elements("EntityRelationship").Select(r => (f.File, Relationship: r))).ToList();
            foreach (var table in c.Source.Tables())
            {
                var file = table.EntityFile;
                var entity = c.Source.Get(file).Root;
                foreach (var invented in entity.Descendants("PrimaryNameAttribute"))
                    c.Add(file, invented, "<PrimaryNameAttribute> is not in the schema: flag the primary name column with PrimaryName in its DisplayMask");
                foreach (var invented in entity.Descendants("LookupTargets"))
                    c.Add(file, invented, "<LookupTargets> is not in the schema: a lookup carries LookupStyle/LookupTypes and one relationship per target under Other/Relationships/");
                if (c.Source.IsCustomTable(table.Name)) CheckCustomTable(c, table, entity, relationships.Select(r => r.Relationship));
                else CheckShellTable(c, file, entity);
                foreach (var column in entity.Descendants("attribute")) CheckColumn(c, table, file, column, relationships);
            }
            foreach (var (file, relationship) in relationships)
            {
                var referencing = ((string)relationship.Element("ReferencingEntityName") ?? "").ToLowerInvariant();
                var attribute = ((string)relationship.Element("ReferencingAttributeName") ?? "").ToLowerInvariant();
                if (c.ColumnType(referencing, attribute) == null)
                    c.Add(file, relationship, $"relationship '{(string)relationship.Attribute("Name")}': {referencing} has no column '{attribute}'");
            }
            CheckChoices(c);
        }

        /// <summary>
        /// A platform table included as a shell (behavior 2) carries only the columns the solution adds, as Microsoft's
        /// exports of such tables do: its names and table-level settings (auditing, for one) stay the org's.
        /// </summary>
        private static void CheckShellTable(ValidationContext c, string file, XElement entity)
        {
            foreach (var property in entity.Element("EntityInfo")?.Element("entity")?.Elements().Where(e => e.Name.LocalName != "attributes") ?? Enumerable.Empty<XElement>())
                c.Add(file, property, $"<{property.Name.LocalName}> is a table-level property of a platform table the solution only adds columns to: leave it to the org");
        }

        private static void CheckCustomTable(ValidationContext c, SolutionTable table, XElement entity, IEnumerable<XElement> relationships)
        {
            var file = table.EntityFile;
            var columns = entity.Descendants("attribute").ToDictionary(a => ((string)a.Element("LogicalName") ?? "").ToLowerInvariant(), a => a);
            if (!columns.TryGetValue(table.Name + "id", out var key) || (string)key.Element("Type") != "primarykey")
                c.Add(file, entity, $"a custom table needs its primary key column {table.Name}id (Type primarykey)");
            var primaryNames = columns.Values.Where(a => ((string)a.Element("DisplayMask") ?? "").Split('|').Contains("PrimaryName")).ToList();
            if (primaryNames.Count != 1)
                c.Add(file, entity, $"exactly one column is the primary name (PrimaryName in its DisplayMask), not {primaryNames.Count}");
            var ownership = (string)entity.Descendants("OwnershipTypeMask").FirstOrDefault();
            if (ownership == null || !OwnershipColumns.ContainsKey(ownership))
            {
                c.Add(file, entity, "a custom table says who owns its rows: OwnershipTypeMask UserOwned or OrganizationOwned");
                return;
            }
            foreach (var missing in SystemColumns.Concat(OwnershipColumns[ownership]).Where(s => !columns.ContainsKey(s)))
                c.Add(file, entity, $"the system column {missing} of a {ownership} table is missing");
            CheckStateOptions(c, file, columns, "statecode", "state", "states");
            CheckStateOptions(c, file, columns, "statuscode", "status", "statuses");
            var names = new HashSet<string>(relationships.Select(r => (string)r.Attribute("Name")), StringComparer.OrdinalIgnoreCase);
            foreach (var missing in OwnershipRelationships[ownership].Select(r => string.Format(r, table.Name)).Where(r => !names.Contains(r)))
                c.Add(file, entity, $"the system relationship {missing} of a {ownership} table is missing from Other/Relationships/");
        }

        private static void CheckStateOptions(ValidationContext c, string file, Dictionary<string, XElement> columns, string column, string type, string options)
        {
            if (!columns.TryGetValue(column, out var attribute)) return;
            var optionSet = attribute.Element("optionset");
            if ((string)attribute.Element("Type") != type || (string)optionSet?.Element("OptionSetType") != type || optionSet.Element(options)?.HasElements != true)
                c.Add(file, attribute, $"{column} is Type {type} with its own {type} option set and its {options}");
        }

        private static void CheckColumn(ValidationContext c, SolutionTable table, string file, XElement column, List<(string File, XElement Relationship)> relationships)
        {
            var name = ((string)column.Element("LogicalName") ?? "").ToLowerInvariant();
            var type = (string)column.Element("Type");
            var custom = (string)column.Element("IsCustomField") == "1";
            if ((type == "lookup" || type == "customer") && custom)
            {
                if (column.Element("LookupStyle") == null || column.Element("LookupTypes") == null)
                    c.Add(file, column, $"lookup '{name}' carries LookupStyle and LookupTypes, as exports do");
                var targets = relationships.Where(r => string.Equals((string)r.Relationship.Element("ReferencingEntityName"), table.Name, StringComparison.OrdinalIgnoreCase)
                        && string.Equals((string)r.Relationship.Element("ReferencingAttributeName"), name, StringComparison.OrdinalIgnoreCase))
                    .Select(r => ((string)r.Relationship.Element("ReferencedEntityName") ?? "").ToLowerInvariant()).OrderBy(t => t, StringComparer.Ordinal).ToList();
                var expected = type == "customer" ? "account, contact" : null;
                if (expected != null ? string.Join(", ", targets) != expected : targets.Count != 1)
                    c.Add(file, column, $"lookup '{name}' needs one relationship per target under Other/Relationships/ ({expected ?? "one target"}), found {targets.Count}");
                if (type == "customer" && string.Join(",", column.Element("LookupTypes")?.Elements("LookupType").Select(t => t.Value) ?? Enumerable.Empty<string>()) != "1,2")
                    c.Add(file, column, $"customer column '{name}' lists account (1) and contact (2) in LookupTypes");
            }
            else if (type == "money")
            {
                if (column.Element("AccuracySource") == null) c.Add(file, column, $"currency column '{name}' says where its precision comes from (AccuracySource)");
                if (!name.EndsWith("_base", StringComparison.Ordinal))
                {
                    var companion = column.Parent.Elements("attribute").FirstOrDefault(a => string.Equals((string)a.Element("LogicalName"), name + "_base", StringComparison.OrdinalIgnoreCase));
                    if (companion == null || (string)companion.Element("Type") != "money" || !string.Equals((string)companion.Element("CalculationOf"), name, StringComparison.OrdinalIgnoreCase))
                        c.Add(file, column, $"currency column '{name}' needs its base-currency companion {name}_base (money, CalculationOf {name})");
                    foreach (var needed in new[] { "transactioncurrencyid", "exchangerate" }.Where(n => c.ColumnType(table.Name, n) == null))
                        c.Add(file, column, $"a table with currency columns has {needed}");
                }
            }
            else if (type == "bit")
            {
                var options = column.Element("optionset");
                var values = options?.Element("options")?.Elements("option").Where(o => o.Descendants("label").Any()).Select(o => (string)o.Attribute("value")).OrderBy(v => v).ToList();
                if ((string)options?.Element("OptionSetType") != "bit" || values == null || string.Join(",", values) != "0,1")
                    c.Add(file, column, $"Yes/No column '{name}' carries its bit option set with the labelled options 1 and 0");
            }
        }

        private static void CheckChoices(ValidationContext c)
        {
            var optionSets = new HashSet<string>(c.Files("OptionSets").Select(f => (string)f.Root.Attribute("Name")), StringComparer.OrdinalIgnoreCase);
            foreach (var (file, root) in c.Files("Entities"))
                foreach (var name in root.Descendants("OptionSetName"))
                    if (!optionSets.Contains(name.Value)) c.Add(file, name, $"choice '{name.Value}' is not defined under OptionSets/");
            foreach (var (file, root) in c.Files("OptionSets").Concat(c.Files("Entities")))
                foreach (var option in root.Descendants("option").Where(o => o.Attribute("IsHidden") != null))
                    c.Add(file, option, "IsHidden is not an attribute of <option> in the schema");
        }
    }
}
