using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Solution/src is where the schema's facts live; code that needs them as constants holds copies. This checks the
    /// copies against the source: the plug-ins' choice enums (Model/Choices.cs) against OptionSets/, value by value and
    /// label by label, and that every domain value stored in a choice has an option.
    /// </summary>
    public static class SchemaCopies
    {
        private const string ChoicesFile = "Plugins/CrmExtensions.Plugins/Model/Choices.cs";

        public static IEnumerable<ValidationIssue> Check(SolutionSource source) => ChoiceEnums(source);

        private static IEnumerable<ValidationIssue> ChoiceEnums(SolutionSource source)
        {
            var choices = typeof(Choice).Assembly.GetTypes()
                .Select(t => (Type: t, OptionSet: (OptionSetAttribute)Attribute.GetCustomAttribute(t, typeof(OptionSetAttribute))))
                .Where(c => c.Type.IsEnum && c.OptionSet != null);
            foreach (var (type, optionSet) in choices)
            {
                var file = $"OptionSets/{optionSet.Name}.xml";
                var document = source.Get(file);
                if (document == null)
                {
                    yield return new ValidationIssue(ChoicesFile, 0, $"{type.Name} mirrors the choice '{optionSet.Name}', which {file} does not define");
                    continue;
                }
                var options = document.Descendants("option").ToDictionary(o => (int)o.Attribute("value"));
                var members = Enum.GetValues(type).Cast<object>().ToDictionary(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), v => v.ToString());
                foreach (var option in options)
                {
                    var label = Label(option.Value);
                    if (!members.TryGetValue(option.Key, out var member))
                        yield return new ValidationIssue(file, SolutionSource.Line(option.Value), $"option {option.Key} '{label}' has no member in {type.Name} ({ChoicesFile})");
                    else if (!SameName(member, label))
                        yield return new ValidationIssue(file, SolutionSource.Line(option.Value), $"option {option.Key} is labelled '{label}' but {type.Name}.{member} in {ChoicesFile}");
                }
                foreach (var member in members.Where(m => !options.ContainsKey(m.Key)))
                    yield return new ValidationIssue(file, SolutionSource.Line(document.Root), $"{type.Name}.{member.Value} = {member.Key} ({ChoicesFile}) is not an option of {optionSet.Name}");
            }
            foreach (var pair in Choice.ChoiceOf)
                foreach (var name in Enum.GetNames(pair.Key).Where(n => !Enum.IsDefined(pair.Value, n)))
                    yield return new ValidationIssue(ChoicesFile, 0, $"{pair.Key.Name}.{name} has no member of the same name in {pair.Value.Name}, so it cannot be stored");
        }

        private static string Label(XElement option) =>
            (string)option.Descendants("label").FirstOrDefault(l => (string)l.Attribute("languagecode") == "1033")?.Attribute("description") ?? "";

        /// <summary>Early-bound generation names a member after its label without spaces and punctuation.</summary>
        private static bool SameName(string member, string label) =>
            string.Equals(member, new string(label.Where(char.IsLetterOrDigit).ToArray()), StringComparison.OrdinalIgnoreCase);
    }
}
