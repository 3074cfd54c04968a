using System.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// A table has at most one parent: a relationship that cascades Assign, Delete, Reparent, Share or Unshare is
    /// parental, and Dataverse lets a table be the child of only one, except the two relationships of one Customer
    /// column (account and contact). A second lookup with its own cascade is refused when the relationship is created,
    /// that is on import.
    /// </summary>
    public static class ParentalRelationships
    {
        private static readonly string[] ParentalCascades = { "CascadeAssign", "CascadeDelete", "CascadeReparent", "CascadeShare", "CascadeUnshare" };

        public static void Check(ValidationContext c)
        {
            var parental = c.Files("Other/Relationships")
                .SelectMany(f => f.Root.Elements("EntityRelationship").Select(r => (f.File, Relationship: r)))
                .Where(r => ParentalCascades.Any(cascade => (string)r.Relationship.Element(cascade) == "Cascade"));
            foreach (var child in parental.GroupBy(r => ((string)r.Relationship.Element("ReferencingEntityName") ?? "").ToLowerInvariant()))
            {
                var lookups = child.GroupBy(r => ((string)r.Relationship.Element("ReferencingAttributeName") ?? "").ToLowerInvariant()).ToList();
                if (lookups.Count < 2) continue;
                var second = lookups[1].First();
                c.Add(second.File, second.Relationship,
                    $"table '{child.Key}' would have more than one parental relationship ({string.Join(", ", lookups.Select(l => l.Key))}); " +
                    "only one lookup of a table, or one Customer column, may cascade");
            }
        }
    }
}
