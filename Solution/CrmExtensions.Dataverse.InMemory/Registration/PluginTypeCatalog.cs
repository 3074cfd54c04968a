using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    /// <summary>
    /// The plug-in types the org's solutions define (PluginAssemblies/&lt;name&gt;-&lt;id&gt;/&lt;file&gt;.data.xml, as an
    /// export unpacks them), by PluginTypeId: steps and Custom APIs name their plug-in type by that id, also those of a
    /// solution that builds on another's assembly (the service part's steps run the core's plug-ins).
    /// </summary>
    public sealed class PluginTypeCatalog
    {
        private readonly Dictionary<Guid, string> _assemblyQualifiedNames = new Dictionary<Guid, string>();
        private readonly List<Assembly> _assemblies = new List<Assembly>();

        /// <summary>An org's catalog, empty until solutions are loaded or imported.</summary>
        public PluginTypeCatalog()
        {
        }

        public PluginTypeCatalog(string solutionSourceDirectory, Assembly[] assemblies)
        {
            Add(solutionSourceDirectory, assemblies);
        }

        /// <summary>Adds the types another solution defines, and the assemblies their .NET types are found in.</summary>
        public void Add(string solutionSourceDirectory, IEnumerable<Assembly> assemblies)
        {
            _assemblies.AddRange(assemblies.Except(_assemblies));
            var folder = Path.Combine(solutionSourceDirectory, "PluginAssemblies");
            if (!Directory.Exists(folder)) return;
            foreach (var file in Directory.GetFiles(folder, "*.data.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = RegistrationXml.Read(file);
                foreach (var type in root.Descendants("PluginType"))
                {
                    if (!Guid.TryParse((string)type.Attribute("PluginTypeId"), out var id)) throw RegistrationXml.Bad(file, type, "PluginType without a PluginTypeId");
                    _assemblyQualifiedNames[id] = (string)type.Attribute("AssemblyQualifiedName") ?? throw RegistrationXml.Bad(file, type, "PluginType without an AssemblyQualifiedName");
                }
            }
        }

        /// <summary>A plug-in type an imported zip's assembly defines (its PluginType in customizations.xml).</summary>
        public void Define(Guid id, string assemblyQualifiedName) => _assemblyQualifiedNames[id] = assemblyQualifiedName;

        public bool Knows(Guid id) => _assemblyQualifiedNames.ContainsKey(id);

        /// <summary>The .NET type of the plug-in type with that id, looked up in the assemblies the host was given.</summary>
        public Type Resolve(string pluginTypeId, string file, XElement at)
        {
            if (!Guid.TryParse(pluginTypeId, out var id) || !_assemblyQualifiedNames.TryGetValue(id, out var name))
                throw RegistrationXml.Bad(file, at, $"plug-in type '{pluginTypeId}' is not defined under PluginAssemblies/");
            var parts = name.Split(',');
            var fullName = parts[0].Trim();
            var assemblyName = parts.Length > 1 ? parts[1].Trim() : null;
            foreach (var assembly in _assemblies.Where(a => assemblyName == null || string.Equals(a.GetName().Name, assemblyName, StringComparison.OrdinalIgnoreCase)))
            {
                var type = assembly.GetType(fullName, throwOnError: false);
                if (type != null) return type;
            }
            throw RegistrationXml.Bad(file, at, $"plugin type '{fullName}' was not found in {string.Join(", ", _assemblies.Select(a => a.GetName().Name))}");
        }

        public string AssemblyQualifiedName(string pluginTypeId) =>
            Guid.TryParse(pluginTypeId, out var id) && _assemblyQualifiedNames.TryGetValue(id, out var name) ? name : null;
    }
}
