using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>
    /// The tables a solution defines or extends, from its unpacked Entities/&lt;table&gt;/Entity.xml (choices from the
    /// inline option set or OptionSets/&lt;name&gt;.xml). A table that declares its primary key is the solution's own and
    /// complete; one that only adds columns (account, task, …) is a standard table, described here in part.
    /// </summary>
    internal static class SolutionTables
    {
        public static IEnumerable<TableMetadata> Load(string solutionSourceDirectory)
        {
            var folder = Path.Combine(solutionSourceDirectory, "Entities");
            if (!Directory.Exists(folder)) yield break;
            var globalChoices = GlobalChoices(Path.Combine(solutionSourceDirectory, "OptionSets"));
            foreach (var file in Directory.GetFiles(folder, "Entity.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = XDocument.Load(file).Root;
                var table = new TableMetadata(((string)root.Element("Name") ?? "").ToLowerInvariant());
                foreach (var attribute in root.Descendants("attribute"))
                {
                    var column = Column(attribute, globalChoices);
                    if (column != null) table.Add(column);
                }
                table.Complete = root.Descendants("attribute").Any(a => (string)a.Element("Type") == "primarykey");
                yield return table;
            }
        }

        private static ColumnMetadata Column(XElement attribute, IReadOnlyDictionary<string, ISet<int>> globalChoices)
        {
            var name = (string)attribute.Element("LogicalName");
            var kind = Kind((string)attribute.Element("Type"));
            if (name == null || kind == null) return null;
            var column = new ColumnMetadata(name, kind.Value)
            {
                ValidForCreate = (string)attribute.Element("ValidForCreateApi") != "0",
                ValidForUpdate = (string)attribute.Element("ValidForUpdateApi") != "0" && (string)attribute.Element("Type") != "primarykey",
                MaxLength = (int?)attribute.Element("MaxLength"),
                Min = Number(attribute.Element("MinValue")),
                Max = Number(attribute.Element("MaxValue")),
            };
            // A whole-number column without a range holds what its SQL type holds.
            if (column.Kind == ColumnKind.Integer && column.Min == null && column.Max == null)
            {
                column.Min = int.MinValue;
                column.Max = int.MaxValue;
            }
            var optionSet = attribute.Element("optionset");
            if (column.Kind == ColumnKind.Choice)
            {
                var global = (string)attribute.Element("OptionSetName");
                column.Options = optionSet != null ? Values(optionSet.Descendants("option"))
                    : global != null && globalChoices.TryGetValue(global, out var values) ? values : null;
            }
            foreach (var state in optionSet?.Descendants("state") ?? Enumerable.Empty<XElement>())
                column.DefaultStatus[(int)state.Attribute("value")] = (int)state.Attribute("defaultstatus");
            foreach (var status in optionSet?.Descendants("status") ?? Enumerable.Empty<XElement>())
                column.StateOfStatus[(int)status.Attribute("value")] = (int)status.Attribute("state");
            if (column.Kind == ColumnKind.State) column.Options = new HashSet<int>(column.DefaultStatus.Keys);
            if (column.Kind == ColumnKind.Status) column.Options = new HashSet<int>(column.StateOfStatus.Keys);
            return column;
        }

        private static ColumnKind? Kind(string type)
        {
            switch (type)
            {
                case "nvarchar": case "ntext": return ColumnKind.Text;
                case "int": return ColumnKind.Integer;
                case "bigint": return ColumnKind.BigInt;
                case "decimal": return ColumnKind.Decimal;
                case "float": return ColumnKind.Double;
                case "money": return ColumnKind.Money;
                case "bit": return ColumnKind.Boolean;
                case "datetime": return ColumnKind.DateTime;
                case "picklist": return ColumnKind.Choice;
                case "state": return ColumnKind.State;
                case "status": return ColumnKind.Status;
                case "lookup": case "customer": case "owner": return ColumnKind.Lookup;
                case "primarykey": case "uniqueidentifier": return ColumnKind.UniqueIdentifier;
                default: return null;
            }
        }

        private static IReadOnlyDictionary<string, ISet<int>> GlobalChoices(string folder)
        {
            var choices = new Dictionary<string, ISet<int>>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(folder)) return choices;
            foreach (var file in Directory.GetFiles(folder, "*.xml"))
            {
                var root = XDocument.Load(file).Root;
                choices[(string)root.Attribute("Name")] = Values(root.Descendants("option"));
            }
            return choices;
        }

        private static ISet<int> Values(IEnumerable<XElement> options) => new HashSet<int>(options.Select(o => (int)o.Attribute("value")));

        private static decimal? Number(XElement element) =>
            element == null || string.IsNullOrWhiteSpace(element.Value) ? (decimal?)null : decimal.Parse(element.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
