using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Steps, Custom APIs and plug-in assemblies as an export writes them and an import resolves them: every step and
    /// Custom API names a plug-in type by the PluginTypeId a PluginAssemblies definition gives it, that type is in the
    /// built assembly, images are taken from the property each message has, and every assembly is a classic, signed
    /// one that references nothing the sandbox lacks (see <see cref="SandboxAssemblies"/>).
    /// </summary>
    public static class RegistrationRules
    {
        public static void Check(ValidationContext c)
        {
            var types = PluginTypes(c);
            CheckAssemblies(c);
            CheckSteps(c, types);
            CheckCustomApis(c, types);
        }

        private static Dictionary<string, (string File, XElement Type)> PluginTypes(ValidationContext c)
        {
            var types = new Dictionary<string, (string, XElement)>(StringComparer.OrdinalIgnoreCase);
            // An add-on's steps run the core's plug-in types.
            var assemblies = c.Files("PluginAssemblies").Concat(c.Core?.Under("PluginAssemblies").Select(f => (f.Key, f.Value.Root)) ?? Enumerable.Empty<(string, XElement)>());
            foreach (var (file, root) in assemblies)
                foreach (var type in root.Descendants("PluginType"))
                    types[(string)type.Attribute("PluginTypeId") ?? ""] = (file, type);
            return types;
        }

        private static PluginAssemblyInfo Built(ValidationContext c, string fullName) =>
            new[] { c.Build.Plugins, c.Build.Workflow }.FirstOrDefault(b => b.Name.FullName == fullName);

        private static void CheckAssemblies(ValidationContext c)
        {
            foreach (var (file, root) in c.Files("PluginAssemblies"))
            {
                var fullName = (string)root.Attribute("FullName");
                var built = Built(c, fullName);
                if (built == null)
                {
                    c.Add(file, root, $"'{fullName}' is not a built assembly ({c.Build.Plugins.Name.FullName}, {c.Build.Workflow.Name.FullName})");
                    continue;
                }
                // Classic: the .dll travels in the solution (SourceType 0) and is named where an extract puts it.
                var expectedFile = $"/{Path.GetDirectoryName(file).Replace('\\', '/')}/{built.Name.Name}.dll";
                if ((string)root.Element("SourceType") != "0" || (string)root.Element("FileName") != expectedFile)
                    c.Add(file, root, $"a classic assembly has <SourceType>0</SourceType> and <FileName>{expectedFile}</FileName>: SolutionPackager cannot pack or extract anything else");
                foreach (var type in root.Descendants("PluginType"))
                {
                    var name = (string)type.Attribute("Name");
                    if (!built.HasPublicConcreteType(name) || (string)type.Attribute("AssemblyQualifiedName") != name + ", " + fullName)
                        c.Add(file, type, $"plug-in type '{name}' is not a public class of {fullName}");
                }
            }
            // The assemblies ship in the core; an add-on solution is checked against it, not again.
            foreach (var assembly in c.Core == null ? new[] { c.Build.Plugins, c.Build.Workflow } : new PluginAssemblyInfo[0])
            {
                if (assembly.PublicKeyToken.Length == 0) c.Add("PluginAssemblies", null, $"{assembly.Name.Name} must be signed: a classic assembly is registered by its strong name");
                foreach (var refusal in SandboxAssemblies.Refusals(assembly)) c.Add("PluginAssemblies", null, refusal);
            }
            foreach (var (file, root) in c.Files("pluginpackages"))
                c.Add(file, root, "the plug-ins ship as one classic assembly: a plug-in package's solution format cannot be verified against any export, and Dataverse refuses its SourceType 4");
        }

        private static void CheckSteps(ValidationContext c, Dictionary<string, (string File, XElement Type)> types)
        {
            foreach (var (file, root) in c.Files("SdkMessageProcessingSteps"))
            {
                foreach (var invented in root.Elements().Where(e => e.Name.LocalName == "CustomConfiguration" || e.Name.LocalName == "StateCode"))
                    c.Add(file, invented, $"<{invented.Name.LocalName}> is not in the schema's step type (its configuration element is <Configuration>)");
                var typeId = (string)root.Element("PluginTypeId");
                if (typeId == null || !types.TryGetValue(typeId, out var type))
                    c.Add(file, root, $"the step names its plug-in type by a PluginTypeId defined under PluginAssemblies/, not '{typeId}'");
                else if ((string)root.Element("PluginTypeName") != (string)type.Type.Attribute("AssemblyQualifiedName"))
                    c.Add(file, root.Element("PluginTypeName"), $"PluginTypeName is not the plug-in type {typeId} ('{(string)type.Type.Attribute("AssemblyQualifiedName")}')");
                var message = Guid.TryParse((string)root.Element("SdkMessageId"), out var messageId) ? PlatformMessage.WithId(messageId) : null;
                if (message == null) c.Add(file, root, $"SdkMessageId '{(string)root.Element("SdkMessageId")}' is not a platform message");
                var table = (string)root.Element("PrimaryEntity");
                foreach (var column in ValidationContext.Split((string)root.Element("FilteringAttributes")))
                    c.CheckColumn(file, root.Element("FilteringAttributes"), table, column, "filtering attribute");
                foreach (var image in root.Descendants("SdkMessageProcessingStepImage"))
                {
                    foreach (var column in ValidationContext.Split((string)image.Element("Attributes"))) c.CheckColumn(file, image, table, column, "image column");
                    if (message != null && (string)image.Element("MessagePropertyName") != message.ImagePropertyName)
                        c.Add(file, image, $"a {message.Name} step's images are taken from '{message.ImagePropertyName}', not '{(string)image.Element("MessagePropertyName")}'");
                }
            }
        }

        private static void CheckCustomApis(ValidationContext c, Dictionary<string, (string File, XElement Type)> types)
        {
            var privileges = new HashSet<string>(c.Files("Roles").SelectMany(r => r.Root.Descendants("RolePrivilege")).Select(p => (string)p.Attribute("name")), StringComparer.OrdinalIgnoreCase);
            foreach (var (file, root) in c.Files("customapis", f => f.EndsWith("/customapi.xml", StringComparison.Ordinal)))
            {
                var key = ((string)root.Element("plugintypeid")?.Element("plugintypeid") ?? "").Trim();
                if (!Guid.TryParse(key, out _) || !types.ContainsKey(key))
                    c.Add(file, root.Element("plugintypeid") ?? root,
                        $"<plugintypeid><plugintypeid> must hold the PluginTypeId of a plug-in type defined under PluginAssemblies/, not '{key}' (the import cannot resolve anything else)");
                var folder = Path.GetFileName(Path.GetDirectoryName(file));
                if ((string)root.Attribute("uniquename") != folder) c.Add(file, root, $"uniquename '{(string)root.Attribute("uniquename")}' must match its folder '{folder}'");
                var privilege = (string)root.Element("executeprivilegename");
                if (privilege != null && !privileges.Contains(privilege)) c.Add(file, root.Element("executeprivilegename"), $"no role of the solution grants {privilege}, so nobody could call it");
                var bound = (string)root.Element("boundentitylogicalname");
                if (bound != null && !c.Declared.ContainsKey(bound) && !PlatformColumns.Tables.Contains(bound)) c.Add(file, root, $"bound to '{bound}', a table the solution does not know");
            }
        }
    }
}
