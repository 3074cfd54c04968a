using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// What an assembly Dataverse loads may reference: the .NET Framework 4.6.2 (its own FrameworkList.xml, from
    /// Microsoft.NETFramework.ReferenceAssemblies.net462, embedded) and the SDK assemblies the sandbox provides. Anything
    /// else (System.ValueTuple, Newtonsoft.Json, a second assembly of ours) is not there when the sandbox loads the
    /// plug-in, so registration or the first execution fails.
    /// </summary>
    public static class SandboxAssemblies
    {
        private const string MicrosoftSdkToken = "31bf3856ad364e35";

        /// <summary>The SDK assemblies the platform loads for plug-ins and workflow activities.</summary>
        public static readonly string[] Sdk = { "Microsoft.Xrm.Sdk", "Microsoft.Crm.Sdk.Proxy", "Microsoft.Xrm.Sdk.Workflow" };

        private static readonly Lazy<Dictionary<string, AssemblyName>> Framework = new Lazy<Dictionary<string, AssemblyName>>(() =>
        {
            using (var stream = typeof(SandboxAssemblies).Assembly.GetManifestResourceStream("FrameworkList.net462.xml")
                ?? throw new InvalidOperationException("FrameworkList.net462.xml is not embedded in crmext."))
                return XDocument.Load(stream).Root.Elements("File").ToDictionary(f => (string)f.Attribute("AssemblyName"),
                    f => new AssemblyName($"{(string)f.Attribute("AssemblyName")}, Version={(string)f.Attribute("Version")}, PublicKeyToken={(string)f.Attribute("PublicKeyToken")}"),
                    StringComparer.OrdinalIgnoreCase);
        });

        /// <summary>Why the sandbox cannot bind <paramref name="reference"/>; null when it can.</summary>
        public static string Refusal(AssemblyName reference)
        {
            var token = Token(reference);
            if (Sdk.Contains(reference.Name, StringComparer.Ordinal))
                return token == MicrosoftSdkToken ? null : $"{reference.FullName}, not Microsoft's signed SDK (token {MicrosoftSdkToken})";
            if (!Framework.Value.TryGetValue(reference.Name, out var framework))
                return $"{reference.FullName}, which is neither part of the .NET Framework 4.6.2 nor the Dataverse SDK: the sandbox does not load it";
            if (reference.Version > framework.Version || token != Token(framework))
                return $"{reference.FullName}, which is not the .NET Framework 4.6.2's {framework.FullName}";
            return null;
        }

        /// <summary>Each reference of <paramref name="assembly"/> the sandbox cannot bind, and why.</summary>
        public static IEnumerable<string> Refusals(PluginAssemblyInfo assembly) =>
            assembly.References.Select(Refusal).Where(r => r != null).Select(r => $"{assembly.Name.Name} references {r}");

        private static string Token(AssemblyName name) => string.Concat((name.GetPublicKeyToken() ?? Array.Empty<byte>()).Select(b => b.ToString("x2")));
    }
}
