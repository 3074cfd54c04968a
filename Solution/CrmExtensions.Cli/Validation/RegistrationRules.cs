using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Cli.Packing;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Steps, Custom APIs and plug-in assemblies as an export writes them and an import resolves them: every step and
    /// Custom API names a plug-in type by the PluginTypeId a PluginAssemblies definition gives it, that type is in the
    /// built assembly, images are taken from the property each message has, workflow activities ship in their own
    /// classic assembly free of dependencies, and the plug-in package carries the fields a real export has.
    /// </summary>
    public static class RegistrationRules
    {
        /// <summary>What a workflow assembly may reference: the framework and the SDK the platform provides.</summary>
        private static readonly string[] PlatformAssemblies = { "mscorlib", "System", "System.Activities", "System.Runtime.Serialization", "Microsoft.Xrm.Sdk", "Microsoft.Xrm.Sdk.Workflow",
            "Microsoft.Crm.Sdk.Proxy" };

        /// <summary>The fields of pluginpackage.xml in a real export (mikefactorial/PluginPackageWorkaround, src/pluginpackages/).</summary>
        private static readonly string[] PackageFields = { "exportkeyversion", "iscustomizable", "name", "package", "statecode", "statuscode", "version" };

        public static void Check(ValidationContext c)
        {
            var types = PluginTypes(c);
            CheckAssemblies(c);
            CheckSteps(c, types);
            CheckCustomApis(c, types);
            CheckPackage(c);
        }

        private static Dictionary<string, (string File, XElement Type)> PluginTypes(ValidationContext c)
        {
            var types = new Dictionary<string, (string, XElement)>(StringComparer.OrdinalIgnoreCase);
            foreach (var (file, root) in c.Files("PluginAssemblies"))
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
                foreach (var type in root.Descendants("PluginType"))
                {
                    var name = (string)type.Attribute("Name");
                    if (!built.HasPublicConcreteType(name) || (string)type.Attribute("AssemblyQualifiedName") != name + ", " + fullName)
                        c.Add(file, type, $"plug-in type '{name}' is not a public class of {fullName}");
                }
            }
            if (c.Build.Plugins.TypesDerivedFrom("System.Activities.CodeActivity").Any())
                c.Add("pluginpackages", null, $"{c.Build.Plugins.Name.Name} has workflow activities: plug-in packages do not support them; they belong in {c.Build.Workflow.Name.Name}");
            var workflow = c.Build.Workflow;
            if (workflow.PublicKeyToken.Length == 0) c.Add("PluginAssemblies", null, $"{workflow.Name.Name} must be signed: a classic assembly is registered by its strong name");
            foreach (var reference in workflow.References.Where(r => !PlatformAssemblies.Contains(r)))
                c.Add("PluginAssemblies", null, $"{workflow.Name.Name} references {reference}: a classic assembly carries no dependencies (only the framework and the platform's SDK)");
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
                var key = ((string)root.Element("plugintypeid")?.Element("plugintypeexportkey") ?? "").Trim();
                if (!Guid.TryParse(key, out _) || !types.ContainsKey(key))
                    c.Add(file, root.Element("plugintypeid") ?? root,
                        $"plugintypeexportkey must hold the id of a plug-in type defined under PluginAssemblies/, not '{key}' (the import cannot resolve anything else)");
                var folder = Path.GetFileName(Path.GetDirectoryName(file));
                if ((string)root.Attribute("uniquename") != folder) c.Add(file, root, $"uniquename '{(string)root.Attribute("uniquename")}' must match its folder '{folder}'");
                var privilege = (string)root.Element("executeprivilegename");
                if (privilege != null && !privileges.Contains(privilege)) c.Add(file, root.Element("executeprivilegename"), $"no role of the solution grants {privilege}, so nobody could call it");
                var bound = (string)root.Element("boundentitylogicalname");
                if (bound != null && !c.Declared.ContainsKey(bound) && !PlatformColumns.Tables.Contains(bound)) c.Add(file, root, $"bound to '{bound}', a table the solution does not know");
            }
        }

        private static void CheckPackage(ValidationContext c)
        {
            var packages = c.Files("pluginpackages").ToList();
            if (packages.Count == 0)
            {
                c.Add("pluginpackages", null, "no plug-in package: the plugins need their dependent assembly (the domain core)");
                return;
            }
            foreach (var (file, root) in packages)
            {
                var fields = root.Elements().Select(e => e.Name.LocalName).ToList();
                if (!fields.SequenceEqual(PackageFields))
                    c.Add(file, root, $"a real export's pluginpackage.xml has {string.Join(", ", PackageFields)}; this one has {string.Join(", ", fields)}");
                var name = $"{c.Source.Prefix}_{PluginPackageBuilder.PackageId}";
                if ((string)root.Attribute("uniquename") != name || (string)root.Element("name") != name)
                    c.Add(file, root, $"the package is named {name} (publisher prefix and the .nuspec id)");
                if ((string)root.Element("package") != name + ".nupkg" || root.Element("package")?.Attribute("mimetype") == null)
                    c.Add(file, root.Element("package") ?? root, $"<package mimetype=\"application/octet-stream\">{name}.nupkg</package> names the file under package/");
                var version = PluginPackageBuilder.VersionOf(c.Build.Plugins);
                if ((string)root.Element("version") != version)
                    c.Add(file, root.Element("version") ?? root,
                        $"plug-in package version '{(string)root.Element("version")}' differs from the .nuspec's '{version}' (the plug-in assembly's version)");
            }
        }
    }
}
