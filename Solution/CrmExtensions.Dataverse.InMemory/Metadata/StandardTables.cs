using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>
    /// Microsoft's published metadata of the standard tables the product touches (standard-tables.json in
    /// ../shared/reference/standard-tables, beside the repository; its README says where the facts come from): every
    /// column's type, length, range, options with their states, and whether clients may write it on create and update.
    /// </summary>
    public static class StandardTables
    {
        /// <summary>Where the reference lies for a solution source folder (Solution/src): ../shared beside the repository.</summary>
        public static string BesideSolution(string solutionSourceDirectory) =>
            Path.GetFullPath(Path.Combine(solutionSourceDirectory, "..", "..", "..", "shared", "reference", "standard-tables", "standard-tables.json"));

        internal static IEnumerable<TableMetadata> Load(string file)
        {
            using (var document = JsonDocument.Parse(File.ReadAllText(file)))
            {
                foreach (var table in document.RootElement.GetProperty("tables").EnumerateObject())
                {
                    var metadata = new TableMetadata(table.Name) { Complete = true };
                    foreach (var column in table.Value.GetProperty("columns").EnumerateObject())
                    {
                        metadata.Add(Column(column.Name, column.Value));
                    }
                    yield return metadata;
                }
            }
        }

        private static ColumnMetadata Column(string name, JsonElement json)
        {
            var column = new ColumnMetadata(name, Kind(name, json.GetProperty("type").GetString()))
            {
                ValidForCreate = Flag(json, "validForCreate"),
                ValidForUpdate = Flag(json, "validForUpdate"),
                MaxLength = json.TryGetProperty("maxLength", out var length) ? length.GetInt32() : (int?)null,
                Min = json.TryGetProperty("min", out var min) ? min.GetDecimal() : (decimal?)null,
                Max = json.TryGetProperty("max", out var max) ? max.GetDecimal() : (decimal?)null,
            };
            if (!json.TryGetProperty("options", out var options)) return column;
            column.Options = new HashSet<int>();
            foreach (var option in options.EnumerateArray())
            {
                var value = option.GetProperty("value").GetInt32();
                column.Options.Add(value);
                if (option.TryGetProperty("defaultStatus", out var status)) column.DefaultStatus[value] = status.GetInt32();
                if (option.TryGetProperty("state", out var state)) column.StateOfStatus[value] = state.GetInt32();
            }
            return column;
        }

        private static bool Flag(JsonElement json, string name) => json.TryGetProperty(name, out var flag) && flag.GetBoolean();

        private static ColumnKind Kind(string name, string type)
        {
            switch (type)
            {
                case "String": case "Memo": return ColumnKind.Text;
                case "Integer": return ColumnKind.Integer;
                case "BigInt": return ColumnKind.BigInt;
                case "Decimal": return ColumnKind.Decimal;
                case "Double": return ColumnKind.Double;
                case "Money": return ColumnKind.Money;
                case "Boolean": return ColumnKind.Boolean;
                case "DateTime": return ColumnKind.DateTime;
                case "Picklist": return ColumnKind.Choice;
                case "State": return ColumnKind.State;
                case "Status": return ColumnKind.Status;
                case "Lookup": case "Customer": case "Owner": return ColumnKind.Lookup;
                case "PartyList": return ColumnKind.PartyList;
                case "Uniqueidentifier": return ColumnKind.UniqueIdentifier;
                case "EntityName": return ColumnKind.EntityName;
                case "Image": return ColumnKind.Image;
                default: throw new InvalidDataException($"standard-tables.json: column {name}'s type '{type}' is not one the host knows.");
            }
        }
    }
}
