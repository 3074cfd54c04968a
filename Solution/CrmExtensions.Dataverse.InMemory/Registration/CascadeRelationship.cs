using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    /// <summary>What deleting a row does to the rows that reference it through one lookup.</summary>
    public enum CascadeDelete
    {
        NoCascade,
        RemoveLink,
        Cascade,
        Restrict,
    }

    /// <summary>What assigning a row does to the rows that reference it through one lookup.</summary>
    public enum CascadeAssign
    {
        NoCascade,
        Cascade,
        Active,
        UserOwned,
    }

    /// <summary>A one-to-many relationship as far as Delete and Assign need it: the referencing table and lookup, its CascadeDelete and CascadeAssign.</summary>
    public sealed class CascadeRelationship
    {
        /// <summary>The activity tables the host knows: the platform deletes a row's activities with it (regardingobjectid, Cascade).</summary>
        private static readonly string[] ActivityTables = { "task", "phonecall", "appointment", "email", "letter", "fax" };

        public CascadeRelationship(string referenced, string referencing, string lookup, CascadeDelete delete, CascadeAssign assign = CascadeAssign.NoCascade)
        {
            Referenced = referenced;
            Referencing = referencing;
            Lookup = lookup;
            Delete = delete;
            Assign = assign;
        }

        /// <summary>The referenced table; null: any table (a polymorphic lookup such as regardingobjectid).</summary>
        public string Referenced { get; }
        public string Referencing { get; }
        public string Lookup { get; }
        public CascadeDelete Delete { get; }
        public CascadeAssign Assign { get; }

        public bool Applies(string table) => Referenced == null || string.Equals(Referenced, table, StringComparison.OrdinalIgnoreCase);

        public static IEnumerable<CascadeRelationship> Platform() =>
            ActivityTables.Select(t => new CascadeRelationship(null, t, "regardingobjectid", CascadeDelete.Cascade));

        /// <summary>The solution's relationships: Other/Relationships/&lt;referenced table&gt;.xml, as an extract writes them.</summary>
        public static IEnumerable<CascadeRelationship> Load(string solutionSourceDirectory)
        {
            var folder = Path.Combine(solutionSourceDirectory, "Other", "Relationships");
            if (!Directory.Exists(folder)) yield break;
            foreach (var file in Directory.GetFiles(folder, "*.xml").OrderBy(f => f, StringComparer.Ordinal))
            foreach (var relationship in XDocument.Load(file).Root.Elements("EntityRelationship")
                         .Where(r => (string)r.Element("EntityRelationshipType") == "OneToMany" && r.Element("CascadeDelete") != null))
            {
                yield return new CascadeRelationship(
                    ((string)relationship.Element("ReferencedEntityName")).ToLowerInvariant(),
                    ((string)relationship.Element("ReferencingEntityName")).ToLowerInvariant(),
                    (string)relationship.Element("ReferencingAttributeName"),
                    (CascadeDelete)Enum.Parse(typeof(CascadeDelete), (string)relationship.Element("CascadeDelete")),
                    (CascadeAssign)Enum.Parse(typeof(CascadeAssign), (string)relationship.Element("CascadeAssign") ?? nameof(CascadeAssign.NoCascade)));
            }
        }
    }
}
