using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace CrmExtensions.XrmSdkStandIn.Tests
{
    /// <summary>
    /// Every public type and member of the stand-in must exist, with the same signature, in the official
    /// Microsoft.Xrm.Sdk / Microsoft.Crm.Sdk.Proxy 9.0.2.56 listings: otherwise the deployed plugin would not
    /// compile (or bind) against the real SDK.
    /// </summary>
    public class ApiConformanceTests
    {
        private static string ListingDir =>
            typeof(ApiConformanceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReferenceListingDir").Value;

        public static IEnumerable<object[]> Assemblies() => new[]
        {
            new object[] { "Microsoft.Xrm.Sdk", "Microsoft.Xrm.Sdk-9.0.2.56.api.txt" },
            new object[] { "Microsoft.Crm.Sdk.Proxy", "Microsoft.Crm.Sdk.Proxy-9.0.2.56.api.txt" },
        };

        [Theory]
        [MemberData(nameof(Assemblies))]
        public void Stand_in_has_the_official_identity(string assemblyName, string _)
        {
            var name = Assembly.Load(assemblyName).GetName();
            Assert.Equal(new Version(9, 0, 0, 0), name.Version);
            Assert.Equal("31bf3856ad364e35", string.Concat(name.GetPublicKeyToken().Select(b => b.ToString("x2"))));
        }

        [Theory]
        [MemberData(nameof(Assemblies))]
        public void Every_public_member_exists_in_the_official_api(string assemblyName, string listing)
        {
            var path = Path.Combine(ListingDir, listing);
            Assert.True(File.Exists(path), $"Official API listing not found at {path} (expected ../shared/reference beside the repository).");
            var official = ParseListing(File.ReadAllLines(path));
            var assembly = Assembly.Load(assemblyName);

            var problems = new List<string>();
            foreach (var type in assembly.GetExportedTypes())
            {
                var fullName = TypeKey(type);
                if (!official.TryGetValue(fullName, out var block))
                {
                    problems.Add($"type {fullName} is not in the official API");
                    continue;
                }
                if (type.BaseType != null && type.BaseType != typeof(object) && type.BaseType != typeof(ValueType) && type.BaseType != typeof(Enum)
                    && !block.Header.Contains(": " + Normalize(Display(type.BaseType))))
                    problems.Add($"{fullName}: base type {Display(type.BaseType)} differs from official '{block.Header}'");
                if (type.IsSealed != block.RawHeader.StartsWith("sealed ") && !type.IsEnum && !type.IsInterface && !(type.IsAbstract && type.IsSealed))
                    problems.Add($"{fullName}: sealed-ness differs from official '{block.RawHeader}'");
                foreach (var member in Members(type))
                {
                    if (!block.Members.Contains(Normalize(member))) problems.Add($"{fullName}: '{member}' is not in the official API");
                }
            }
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        private sealed class Block
        {
            public string Header;
            public string RawHeader;
            public HashSet<string> Members = new HashSet<string>();
        }

        private static Dictionary<string, Block> ParseListing(string[] lines)
        {
            var blocks = new Dictionary<string, Block>();
            Block current = null;
            foreach (var line in lines)
            {
                if (line.Length == 0) continue;
                if (!line.StartsWith(" "))
                {
                    var m = Regex.Match(line, @"(?:class|interface|enum|struct|delegate)\s+([\w\.]+)(<[^>]+>)?");
                    var key = m.Groups[1].Value + (m.Groups[2].Success ? "`" + m.Groups[2].Value.Split(',').Length : "");
                    current = new Block { Header = Normalize(line), RawHeader = line };
                    blocks[key] = current;
                }
                else
                {
                    current?.Members.Add(Normalize(line.Trim()));
                }
            }
            return blocks;
        }

        // The listing qualifies some type names and not others; compare with namespaces and modifiers stripped.
        private static string Normalize(string text)
        {
            text = Regex.Replace(text, @"\b(virtual|static|abstract|override|sealed)\s+", "");
            text = Regex.Replace(text, @"\b(?:[A-Za-z_]\w*\.)+(?=[A-Za-z_]\w*)", "");
            return Regex.Replace(text, @"\s+", " ").Trim();
        }

        private static string TypeKey(Type type) => type.IsGenericTypeDefinition ? type.FullName : type.FullName;

        private static IEnumerable<string> Members(Type type)
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (type.IsEnum)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                    yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue())}";
                yield break;
            }
            foreach (var ctor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
                yield return $"ctor({Parameters(ctor.GetParameters())})";
            foreach (var property in type.GetProperties(flags))
            {
                var accessors = (property.GetMethod?.IsPublic == true ? "get; " : "") + (property.SetMethod?.IsPublic == true ? "set; " : "");
                var indexParameters = property.GetIndexParameters();
                var name = indexParameters.Length > 0 ? $"this[{Parameters(indexParameters)}]" : property.Name;
                yield return $"{Display(property.PropertyType)} {name} {{ {accessors}}}";
            }
            foreach (var field in type.GetFields(flags))
                yield return $"{Display(field.FieldType)} {field.Name}";
            foreach (var method in type.GetMethods(flags).Where(m => !m.IsSpecialName))
            {
                var generic = method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";
                yield return $"{Display(method.ReturnType)} {method.Name}{generic}({Parameters(method.GetParameters())})";
            }
        }

        private static string Parameters(ParameterInfo[] parameters) =>
            string.Join(", ", parameters.Select(p =>
                (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") + Display(p.ParameterType.IsByRef ? p.ParameterType.GetElementType() : p.ParameterType) + " " + p.Name));

        private static string Display(Type type)
        {
            if (type == typeof(void)) return "Void";
            if (type.IsArray) return Display(type.GetElementType()) + "[]";
            if (type.IsGenericParameter) return type.Name;
            if (!type.IsGenericType) return type.Name;
            var name = type.Name.Substring(0, type.Name.IndexOf('`'));
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>";
        }
    }
}
