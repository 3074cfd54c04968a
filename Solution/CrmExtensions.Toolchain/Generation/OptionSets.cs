using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>One option of a global choice as Solution/src/OptionSets declares it (labels and descriptions in 1033).</summary>
    public sealed class DeclaredOption
    {
        public DeclaredOption(int value, string label, string description, string color)
        {
            Value = value;
            Label = label;
            Description = description;
            Color = color;
        }

        public int Value { get; }
        public string Label { get; }
        public string Description { get; }
        /// <summary>The option's colour (the platform shows it on charts and choice chips); null when it has none.</summary>
        public string Color { get; }
        public string Identifier => OptionSets.Identifier(Label);
    }

    /// <summary>A global choice of Solution/src/OptionSets: the source of every choice value and label the code uses.</summary>
    public sealed class DeclaredOptionSet
    {
        public DeclaredOptionSet(string name, string displayName, string description, IReadOnlyList<DeclaredOption> options)
        {
            Name = name;
            DisplayName = displayName;
            Description = description;
            Options = options;
        }

        public string Name { get; }
        public string DisplayName { get; }
        public string Description { get; }
        /// <summary>In declaration order, which is the order the product ranks them in (tiers best first).</summary>
        public IReadOnlyList<DeclaredOption> Options { get; }
        public string Identifier => OptionSets.Identifier(DisplayName);
    }

    public static class OptionSets
    {
        public static IReadOnlyList<DeclaredOptionSet> Of(SolutionSource source) =>
            source.Under("OptionSets").Select(f => f.Value.Root).OrderBy(r => (string)r.Attribute("Name"), System.StringComparer.Ordinal)
                .Select(r => new DeclaredOptionSet((string)r.Attribute("Name"), (string)r.Attribute("localizedName"), Description(r),
                    r.Element("options").Elements("option").Select(o => new DeclaredOption((int)o.Attribute("value"),
                        (string)o.Element("labels").Elements("label").First(English).Attribute("description"), Description(o), (string)o.Attribute("Color"))).ToList()))
                .ToList();

        /// <summary>A name as early-bound generation writes it: its words capitalised and joined ("Follow-up call" → FollowUpCall).</summary>
        public static string Identifier(string name) =>
            string.Concat(name.Split(name.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), System.StringSplitOptions.RemoveEmptyEntries)
                .Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1).ToLowerInvariant()));

        private static bool English(XElement label) => (string)label.Attribute("languagecode") == "1033";

        private static string Description(XElement element) =>
            (string)element.Element("Descriptions")?.Elements("Description").FirstOrDefault(English)?.Attribute("description");
    }
}
