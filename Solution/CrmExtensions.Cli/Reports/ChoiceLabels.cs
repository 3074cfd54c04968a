using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// The labels users see in Dynamics for the values the report prints: a choice's label from its option set in the
    /// solution source (Solution/src/OptionSets, the file the org imported); a value with no choice (a tier's investment
    /// and strategy) in words from its name.
    /// </summary>
    public sealed class ChoiceLabels
    {
        private const int English = 1033;
        private readonly Dictionary<string, Dictionary<int, string>> _byOptionSet;

        private ChoiceLabels(Dictionary<string, Dictionary<int, string>> byOptionSet) { _byOptionSet = byOptionSet; }

        public static ChoiceLabels Load(string solutionSource) => new ChoiceLabels(
            Directory.GetFiles(Path.Combine(solutionSource, "OptionSets"), "*.xml").Select(XDocument.Load).ToDictionary(
                d => (string)d.Root.Attribute("Name"),
                d => d.Root.Element("options").Elements("option").ToDictionary(o => (int)o.Attribute("value"),
                    o => (string)o.Descendants("label").First(l => (int)l.Attribute("languagecode") == English).Attribute("description"))));

        public string Of<T>(T value) where T : struct, Enum
        {
            if (Choice.ChoiceOf.TryGetValue(typeof(T), out var choice)
                && _byOptionSet.TryGetValue(((OptionSetAttribute)Attribute.GetCustomAttribute(choice, typeof(OptionSetAttribute))).Name, out var labels)
                && labels.TryGetValue(Choice.ToOption(value), out var label))
                return label;
            return Words(value.ToString());
        }

        public string Of<T>(T? value) where T : struct, Enum => value.HasValue ? Of(value.Value) : "-";

        /// <summary>A choice column's label, "-" when empty.</summary>
        public string Of<T>(Entity row, string column) where T : struct, Enum => Of(CustomerReport.Option<T>(row, column));

        /// <summary>The label of a value the domain hands over by its name (a breakdown's group); null when <typeparamref name="T"/> has no such member.</summary>
        public string OfName<T>(string name) where T : struct, Enum => Enum.TryParse<T>(name, out var value) && Enum.IsDefined(typeof(T), value) ? Of(value) : null;

        /// <summary>StrengthenAtAnyCost → "Strengthen at any cost".</summary>
        private static string Words(string name)
        {
            var words = Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
            return char.ToUpperInvariant(words[0]) + words.Substring(1);
        }
    }
}
