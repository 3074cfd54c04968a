using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CrmExtensions.Cli
{
    /// <summary>Identity and public concrete types of a built net462 assembly, read from metadata (never loaded).</summary>
    public sealed class PluginAssemblyInfo
    {
        private readonly Dictionary<string, string> _baseTypes = new Dictionary<string, string>(StringComparer.Ordinal);

        public PluginAssemblyInfo(string path) : this(path, File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"Assembly not built: {path}", path))
        {
        }

        /// <param name="path">Where the image came from (a file, or a part of a zip).</param>
        /// <param name="image">The assembly's bytes.</param>
        public PluginAssemblyInfo(string path, byte[] image)
        {
            Path = path;
            using (var pe = new PEReader(new MemoryStream(image)))
            {
                var reader = pe.GetMetadataReader();
                Name = reader.GetAssemblyDefinition().GetAssemblyName();
                foreach (var reference in reader.AssemblyReferences) References.Add(reader.GetAssemblyReference(reference).GetAssemblyName());
                foreach (var handle in reader.TypeDefinitions)
                {
                    var type = reader.GetTypeDefinition(handle);
                    var attributes = type.Attributes;
                    if ((attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public || (attributes & TypeAttributes.Abstract) != 0) continue;
                    _baseTypes[FullName(reader, type.Namespace, type.Name)] = BaseTypeName(reader, type.BaseType);
                }
            }
        }

        public string Path { get; }
        public AssemblyName Name { get; }

        /// <summary>The assemblies it references: name, version and public key token.</summary>
        public List<AssemblyName> References { get; } = new List<AssemblyName>();

        public bool HasPublicConcreteType(string fullName) => _baseTypes.ContainsKey(fullName);

        public string PublicKeyToken => string.Concat(Array.ConvertAll(Name.GetPublicKeyToken() ?? Array.Empty<byte>(), b => b.ToString("x2")));

        /// <summary>Public concrete types whose direct base type is <paramref name="baseType"/> (e.g. System.Activities.CodeActivity).</summary>
        public IEnumerable<string> TypesDerivedFrom(string baseType)
        {
            foreach (var pair in _baseTypes)
                if (pair.Value == baseType) yield return pair.Key;
        }

        private static string FullName(MetadataReader reader, StringHandle ns, StringHandle name)
        {
            var space = reader.GetString(ns);
            return space.Length == 0 ? reader.GetString(name) : space + "." + reader.GetString(name);
        }

        private static string BaseTypeName(MetadataReader reader, EntityHandle handle)
        {
            if (handle.IsNil) return null;
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    var reference = reader.GetTypeReference((TypeReferenceHandle)handle);
                    return FullName(reader, reference.Namespace, reference.Name);
                case HandleKind.TypeDefinition:
                    var definition = reader.GetTypeDefinition((TypeDefinitionHandle)handle);
                    return FullName(reader, definition.Namespace, definition.Name);
                default:
                    return null;
            }
        }
    }
}
