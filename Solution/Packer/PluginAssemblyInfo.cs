using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CrmExtensions.Packer
{
    /// <summary>Identity and public concrete types of the built net462 plugin assembly, read from metadata (never loaded).</summary>
    public sealed class PluginAssemblyInfo
    {
        public PluginAssemblyInfo(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Plugin assembly not built: {path}", path);
            Path = path;
            Name = AssemblyName.GetAssemblyName(path);
            using (var stream = File.OpenRead(path))
            using (var pe = new PEReader(stream))
            {
                var reader = pe.GetMetadataReader();
                foreach (var handle in reader.TypeDefinitions)
                {
                    var type = reader.GetTypeDefinition(handle);
                    var attributes = type.Attributes;
                    if ((attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public || (attributes & TypeAttributes.Abstract) != 0) continue;
                    var ns = reader.GetString(type.Namespace);
                    PublicConcreteTypes.Add(ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name));
                }
            }
        }

        public string Path { get; }
        public AssemblyName Name { get; }
        public HashSet<string> PublicConcreteTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

        public string PublicKeyToken => string.Concat(Array.ConvertAll(Name.GetPublicKeyToken() ?? Array.Empty<byte>(), b => b.ToString("x2")));
    }
}
