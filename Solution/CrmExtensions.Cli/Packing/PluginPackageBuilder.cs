using System.IO;
using System.IO.Compression;
using System.Security;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>
    /// The plug-in package (a NuGet package with dependent assemblies): the net462 plugin assembly and the domain core,
    /// which needs nothing beyond the .NET Framework (its JSON is the framework's own). Microsoft's SDK assemblies are
    /// never shipped: the sandbox provides them.
    /// </summary>
    public static class PluginPackageBuilder
    {
        /// <summary>The NuGet package id; Dataverse names the package after it with the publisher prefix (cx_CrmExtensions).</summary>
        public const string PackageId = "CrmExtensions";

        public static readonly string[] Assemblies = { "CrmExtensions.Plugins.dll", "CrmExtensions.Domain.dll" };

        /// <summary>The package's (NuGet) version: the plug-in assembly's, in the three parts NuGet normalizes to.</summary>
        public static string VersionOf(PluginAssemblyInfo plugins) => plugins.Name.Version.ToString(3);

        public static byte[] Build(string pluginOutput, string version)
        {
            using (var buffer = new MemoryStream())
            {
                using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                {
                    ZipEntries.Write(zip, $"{PackageId}.nuspec", $@"<?xml version=""1.0"" encoding=""utf-8""?>
<package xmlns=""http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"">
  <metadata>
    <id>{PackageId}</id>
    <version>{SecurityElement.Escape(version)}</version>
    <authors>CrmExtensions</authors>
    <description>{SecurityElement.Escape("CrmExtensions plugins with their dependent assembly (the domain core).")}</description>
  </metadata>
</package>");
                    foreach (var assembly in Assemblies)
                    {
                        var path = Path.Combine(pluginOutput, assembly);
                        if (!File.Exists(path)) throw new FileNotFoundException($"{assembly} is missing from {pluginOutput}; build the plugins for net462 first.", path);
                        ZipEntries.Write(zip, "lib/net462/" + assembly, File.ReadAllBytes(path));
                    }
                    ZipEntries.Write(zip, "[Content_Types].xml", @"<?xml version=""1.0"" encoding=""utf-8""?>
<Types xmlns=""http://schemas.openxmlformats.org/package/2006/content-types"">
  <Default Extension=""nuspec"" ContentType=""application/octet"" />
  <Default Extension=""dll"" ContentType=""application/octet"" />
</Types>");
                }
                return buffer.ToArray();
            }
        }
    }
}
