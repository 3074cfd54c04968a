using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Solution/src is where the schema's facts live; code that needs them as constants holds copies. This checks the
    /// copies against the source: the plug-ins' choice enums (Model/Choices.cs) against OptionSets/, value by value and
    /// label by label, and that every domain value stored in a choice has an option; the lengths and the option base the
    /// C# code assumes; and WebResources/src/shared/schema.ts (<see cref="WebSchemaCopies"/>).
    /// </summary>
    public static class SchemaCopies
    {
        private const string ChoicesFile = "Plugins/CrmExtensions.Plugins/Model/Choices.cs";

        public static IEnumerable<ValidationIssue> Check(SolutionSource source)
        {
            var root = RepositoryLayout.Find().Root;
            return Check(source, File.ReadAllText(Path.Combine(root, WebSchemaCopies.SchemaFile)));
        }

        public static IEnumerable<ValidationIssue> Check(SolutionSource source, string schemaTs) =>
            ChoiceEnums(source).Concat(Constants(source)).Concat(ColumnSecurityCopies.Check(source)).Concat(WebSchemaCopies.Check(source, schemaTs));

        /// <summary>The options of a global choice, value → label (1033); null when OptionSets/ does not define it.</summary>
        internal static Dictionary<int, (string Label, int Line)> OptionsOf(SolutionSource source, string optionSet) =>
            source.Get($"OptionSets/{optionSet}.xml")?.Descendants("option").ToDictionary(o => (int)o.Attribute("value"), o => (Label(o), SolutionSource.Line(o)));

        /// <summary>The first option value the publisher's prefix gives (prefix × 10,000).</summary>
        internal static int? OptionBaseOf(SolutionSource source) =>
            int.TryParse((string)source.SolutionManifest?.Element("Publisher")?.Element("CustomizationOptionValuePrefix"), out var prefix) ? prefix * 10000 : (int?)null;

        private static IEnumerable<ValidationIssue> ChoiceEnums(SolutionSource source)
        {
            var choices = typeof(Choice).Assembly.GetTypes()
                .Select(t => (Type: t, OptionSet: (OptionSetAttribute)Attribute.GetCustomAttribute(t, typeof(OptionSetAttribute))))
                .Where(c => c.Type.IsEnum && c.OptionSet != null);
            foreach (var (type, optionSet) in choices)
            {
                var file = $"OptionSets/{optionSet.Name}.xml";
                var options = OptionsOf(source, optionSet.Name);
                if (options == null)
                {
                    yield return new ValidationIssue(ChoicesFile, 0, $"{type.Name} mirrors the choice '{optionSet.Name}', which {file} does not define");
                    continue;
                }
                var members = Enum.GetValues(type).Cast<object>().ToDictionary(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), v => v.ToString());
                foreach (var option in options)
                {
                    if (!members.TryGetValue(option.Key, out var member))
                        yield return new ValidationIssue(file, option.Value.Line, $"option {option.Key} '{option.Value.Label}' has no member in {type.Name} ({ChoicesFile})");
                    else if (!SameName(member, option.Value.Label))
                        yield return new ValidationIssue(file, option.Value.Line, $"option {option.Key} is labelled '{option.Value.Label}' but {type.Name}.{member} in {ChoicesFile}");
                }
                foreach (var member in members.Where(m => !options.ContainsKey(m.Key)))
                    yield return new ValidationIssue(file, 0, $"{type.Name}.{member.Value} = {member.Key} ({ChoicesFile}) is not an option of {optionSet.Name}");
            }
            foreach (var pair in Choice.ChoiceOf)
                foreach (var name in Enum.GetNames(pair.Key).Where(n => !Enum.IsDefined(pair.Value, n)))
                    yield return new ValidationIssue(ChoicesFile, 0, $"{pair.Key.Name}.{name} has no member of the same name in {pair.Value.Name}, so it cannot be stored");
        }

        /// <summary>Numbers the C# code relies on that the solution defines.</summary>
        private static IEnumerable<ValidationIssue> Constants(SolutionSource source)
        {
            if (OptionBaseOf(source) is int optionBase && optionBase != Choice.OptionBase)
                yield return new ValidationIssue("Other/Solution.xml", 0, $"the publisher's options start at {optionBase}, but Choice.OptionBase ({ChoicesFile}) is {Choice.OptionBase}");
            var lengths = new[] { Account.EntityLogicalName, Contact.EntityLogicalName }.SelectMany(table => new[]
                {
                    (Table: table, Column: CustomerColumns.TierOverrideReason, Copy: TierOverridePolicy.MaxReasonLength, Name: "TierOverridePolicy.MaxReasonLength"),
                    (Table: table, Column: CustomerColumns.ChurnReasons, Copy: CustomerColumns.ChurnReasonsMaxLength, Name: "CustomerColumns.ChurnReasonsMaxLength"),
                    (Table: table, Column: CustomerColumns.FactsLedger, Copy: CustomerWrite.MaxLedgerLength, Name: "CustomerWrite.MaxLedgerLength"),
                })
                .Concat(new[]
                {
                    (Table: CustomerScoreChange.EntityLogicalName, Column: CustomerScoreChange.Name, Copy: CustomerScoreChange.NameMaxLength,
                        Name: "CustomerScoreChange.NameMaxLength"),
                    (Table: CustomerScoreChange.EntityLogicalName, Column: CustomerScoreChange.TopReasons, Copy: CustomerScoreChange.TopReasonsMaxLength,
                        Name: "CustomerScoreChange.TopReasonsMaxLength"),
                    (Table: CustomerScoreChange.EntityLogicalName, Column: CustomerScoreChange.TriggerDetail, Copy: CustomerScoreChange.TriggerDetailMaxLength,
                        Name: "CustomerScoreChange.TriggerDetailMaxLength"),
                    (Table: RecalculationJob.EntityLogicalName, Column: RecalculationJob.Name, Copy: RecalculationJob.NameMaxLength, Name: "RecalculationJob.NameMaxLength"),
                    (Table: RecalculationJob.EntityLogicalName, Column: RecalculationJob.Filter, Copy: RecalculationJob.TextMaxLength, Name: "RecalculationJob.TextMaxLength"),
                    (Table: RecalculationJob.EntityLogicalName, Column: RecalculationJob.Errors, Copy: RecalculationJob.TextMaxLength, Name: "RecalculationJob.TextMaxLength"),
                });
            foreach (var (table, column, copy, name) in lengths)
            {
                var file = $"Entities/{table}/Entity.xml";
                var attribute = source.Get(file)?.Descendants("attribute").FirstOrDefault(a => (string)a.Element("LogicalName") == column);
                var declared = (int?)attribute?.Element("MaxLength");
                if (declared != copy)
                    yield return new ValidationIssue(file, SolutionSource.Line(attribute), $"{column} holds {declared?.ToString() ?? "no MaxLength"} characters, but {name} is {copy}");
            }
        }

        private static string Label(XElement option) =>
            (string)option.Descendants("label").FirstOrDefault(l => (string)l.Attribute("languagecode") == "1033")?.Attribute("description") ?? "";

        /// <summary>Early-bound generation names a member after its label without spaces and punctuation.</summary>
        private static bool SameName(string member, string label) =>
            string.Equals(member, new string(label.Where(char.IsLetterOrDigit).ToArray()), StringComparison.OrdinalIgnoreCase);
    }
}
