using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security;

namespace CrmExtensions.Packer
{
    /// <summary>
    /// The plug-in package (a NuGet package with dependent assemblies): the net462 plugin assembly, the domain core and
    /// Newtonsoft.Json. Microsoft's SDK assemblies are never shipped: the sandbox provides them.
    /// </summary>
    public static class PluginPackageBuilder
    {
        public const string PackageId = "cx_CrmExtensions";
        public static readonly string[] Assemblies = { "CrmExtensions.Plugins.dll", "CrmExtensions.Domain.dll", "Newtonsoft.Json.dll" };

        public static string FileName(Version version) => $"{PackageId}.{version.ToString(3)}.nupkg";

        public static byte[] Build(string pluginOutput, Version version)
        {
            using (var buffer = new MemoryStream())
            {
                using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                {
                    Write(zip, $"{PackageId}.nuspec", $@"<?xml version=""1.0"" encoding=""utf-8""?>
<package xmlns=""http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"">
  <metadata>
    <id>{PackageId}</id>
    <version>{version.ToString(3)}</version>
    <authors>CrmExtensions</authors>
    <description>{SecurityElement.Escape("CrmExtensions plugins with their dependent assemblies (domain core, Newtonsoft.Json).")}</description>
  </metadata>
</package>");
                    foreach (var assembly in Assemblies)
                    {
                        var path = Path.Combine(pluginOutput, assembly);
                        if (!File.Exists(path)) throw new FileNotFoundException($"{assembly} is missing from {pluginOutput}; build the plugins for net462 first.", path);
                        var entry = zip.CreateEntry("lib/net462/" + assembly, CompressionLevel.Optimal);
                        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                        using (var target = entry.Open())
                        using (var source = File.OpenRead(path))
                            source.CopyTo(target);
                    }
                    Write(zip, "[Content_Types].xml", @"<?xml version=""1.0"" encoding=""utf-8""?>
<Types xmlns=""http://schemas.openxmlformats.org/package/2006/content-types"">
  <Default Extension=""nuspec"" ContentType=""application/octet"" />
  <Default Extension=""dll"" ContentType=""application/octet"" />
</Types>");
                }
                return buffer.ToArray();
            }
        }

        internal static void Write(ZipArchive zip, string name, string text)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using (var writer = new StreamWriter(entry.Open(), new System.Text.UTF8Encoding(false)))
                writer.Write(text);
        }

        internal static void Write(ZipArchive zip, string name, byte[] bytes)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using (var stream = entry.Open()) stream.Write(bytes, 0, bytes.Length);
        }
    }
}
