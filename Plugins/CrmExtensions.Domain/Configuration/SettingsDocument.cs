using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Domain.Json;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>
    /// A settings document as the framework's JSON reader presents it (JsonReaderWriterFactory: JSON as XML, an element
    /// per value with its kind in a "type" attribute), so documents can be merged before they are bound.
    /// </summary>
    internal static class SettingsDocument
    {
        private const string ItemNamespace = "item";

        /// <summary>The root element of <paramref name="json"/>, which may hold comments and the other liberties <see cref="RelaxedJson"/> takes.</summary>
        /// <exception cref="JsonSyntaxException">The text is not JSON.</exception>
        public static XElement Parse(string json)
        {
            var strict = RelaxedJson.ToStrict(json);
            using (var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(strict), XmlDictionaryReaderQuotas.Max))
                return XElement.Load(reader);
        }

        /// <summary>"object", "array", "string", "number", "boolean" or "null".</summary>
        public static string Kind(XElement value) => (string)value.Attribute("type") ?? "string";

        /// <summary>A member's name: the element's, or where JSON allows what XML does not, its "item" attribute.</summary>
        public static string Name(XElement member) =>
            member.Name.NamespaceName == ItemNamespace ? (string)member.Attribute(ItemNamespace) : member.Name.LocalName;

        /// <summary>
        /// Lays <paramref name="document"/> over <paramref name="target"/> as Json.NET's JObject.Merge did (names compared
        /// exactly): an object merges member by member, anything else (an array, a number, an explicit null) replaces what
        /// was there, and a member the target lacks is added at its end.
        /// </summary>
        public static void Merge(XElement target, XElement document)
        {
            foreach (var member in document.Elements())
            {
                var name = Name(member);
                var existing = target.Elements().FirstOrDefault(e => Name(e) == name);
                if (existing == null) target.Add(new XElement(member));
                else if (Kind(existing) == "object" && Kind(member) == "object") Merge(existing, member);
                else existing.ReplaceWith(new XElement(member));
            }
        }
    }
}
