using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>A security role: the privileges it grants and the depth of each.</summary>
    public sealed class SecurityRole
    {
        public SecurityRole(string name, IDictionary<string, AccessDepth> privileges)
        {
            Name = name;
            Privileges = new Dictionary<string, AccessDepth>(privileges, StringComparer.OrdinalIgnoreCase);
        }

        public string Name { get; }
        public IReadOnlyDictionary<string, AccessDepth> Privileges { get; }

        /// <summary>The roles of an unpacked solution: Roles/&lt;name&gt;.xml, as an export writes them.</summary>
        public static IEnumerable<SecurityRole> Load(string solutionSourceDirectory)
        {
            var folder = Path.Combine(solutionSourceDirectory, "Roles");
            if (!Directory.Exists(folder)) yield break;
            foreach (var file in Directory.GetFiles(folder, "*.xml").OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = XDocument.Load(file).Root;
                var privileges = root.Element("RolePrivileges")?.Elements("RolePrivilege")
                    .ToDictionary(p => (string)p.Attribute("name"), p => (AccessDepth)Enum.Parse(typeof(AccessDepth), (string)p.Attribute("level")))
                    ?? new Dictionary<string, AccessDepth>();
                yield return new SecurityRole((string)root.Attribute("name"), privileges);
            }
        }
    }
}
