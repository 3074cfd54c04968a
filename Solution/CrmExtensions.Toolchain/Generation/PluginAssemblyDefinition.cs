using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>A plug-in type as a solution names it: by assembly-qualified name and a stable PluginTypeId.</summary>
    public sealed class PluginTypeDefinition
    {
        public PluginTypeDefinition(string fullName, string assemblyFullName, string friendlyName, string workflowGroup)
        {
            FullName = fullName;
            AssemblyQualifiedName = fullName + ", " + assemblyFullName;
            Id = StableId.For("plugintype", fullName);
            FriendlyName = friendlyName;
            WorkflowGroup = workflowGroup;
        }

        public string FullName { get; }
        public string AssemblyQualifiedName { get; }
        public Guid Id { get; }
        public string FriendlyName { get; }

        /// <summary>The group a custom workflow activity is listed under in the process designer; null for plug-ins.</summary>
        public string WorkflowGroup { get; }
    }

    /// <summary>
    /// A classic plug-in assembly as a component of the solution, the way every real export writes one:
    /// PluginAssemblies/&lt;name&gt;-&lt;ID&gt;/&lt;file&gt;.dll.data.xml naming its types, which steps and Custom APIs refer
    /// to by id, and the .dll beside it.
    /// </summary>
    public sealed class PluginAssemblyDefinition
    {
        /// <summary>pluginassembly.sourcetype 0, database: the .dll travels in the solution.</summary>
        private const int SourceDatabase = 0;

        /// <summary>pluginassembly.isolationmode: 2 sandbox, the only mode Dataverse online runs.</summary>
        private const int Sandbox = 2;

        public PluginAssemblyDefinition(PluginAssemblyInfo built, IEnumerable<PluginTypeDefinition> types)
        {
            Built = built;
            Types = types.OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
            Id = StableId.For("pluginassembly", built.Name.Name);
        }

        public PluginAssemblyInfo Built { get; }
        public IReadOnlyList<PluginTypeDefinition> Types { get; }
        public Guid Id { get; }
        public string FullName => Built.Name.FullName;
        public string Folder => $"PluginAssemblies/{Built.Name.Name.Replace(".", "")}-{Id.ToString().ToUpperInvariant()}";
        public string DataFile => $"{Folder}/{Built.Name.Name}.dll.data.xml";

        /// <summary>Where the .dll lies in the zip and in an extracted folder.</summary>
        public string AssemblyFile => $"{Folder}/{Built.Name.Name}.dll";

        public static PluginAssemblyDefinition Plugins(PluginAssemblyInfo built, IEnumerable<Type> pluginTypes) =>
            new PluginAssemblyDefinition(built, pluginTypes.Select(t => new PluginTypeDefinition(t.FullName, built.Name.FullName, t.FullName, null)));

        public static PluginAssemblyDefinition Workflow(PluginAssemblyInfo built) =>
            new PluginAssemblyDefinition(built, built.TypesDerivedFrom("System.Activities.CodeActivity").Select(t =>
                new PluginTypeDefinition(t, built.Name.FullName, Words(t.Substring(t.LastIndexOf('.') + 1)), $"CrmExtensions ({built.Name.Version})")));

        public XDocument ToXml(string version)
        {
            var root = new XElement("PluginAssembly",
                new XAttribute("FullName", FullName),
                new XAttribute("PluginAssemblyId", Id.ToString("D")),
                new XAttribute("CustomizationLevel", 1),
                new XAttribute(XNamespace.Xmlns + "xsi", GeneratedXml.Xsi),
                new XElement("IsolationMode", Sandbox),
                new XElement("SourceType", SourceDatabase),
                new XElement("IntroducedVersion", version),
                new XElement("FileName", "/" + AssemblyFile),
                new XElement("PluginTypes", Types.Select(t => new XElement("PluginType",
                    new XAttribute("AssemblyQualifiedName", t.AssemblyQualifiedName),
                    new XAttribute("PluginTypeId", t.Id.ToString("D")),
                    new XAttribute("Name", t.FullName),
                    new XElement("FriendlyName", t.FriendlyName),
                    t.WorkflowGroup == null ? null : new XElement("WorkflowActivityGroupName", t.WorkflowGroup)))));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        /// <summary>"CalculateLoyaltyIndicators" → "Calculate loyalty indicators", the name the process designer shows.</summary>
        private static string Words(string pascal)
        {
            var words = Regex.Replace(pascal, "(?<!^)([A-Z])", " $1").ToLowerInvariant();
            return char.ToUpperInvariant(words[0]) + words.Substring(1);
        }
    }
}
