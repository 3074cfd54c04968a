using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>
    /// [Content_Types].xml: a solution zip is an Open Packaging Conventions package, and System.IO.Packaging (which
    /// SolutionPackager and the import read it with) silently drops every part whose extension has no content type.
    /// So every extension the zip holds gets a Default, as SolutionPackager's own Pack writes them: xml as text/xml,
    /// everything else as application/octet-stream.
    /// </summary>
    public static class ContentTypes
    {
        public static readonly XNamespace Namespace = "http://schemas.openxmlformats.org/package/2006/content-types";

        /// <param name="parts">The zip's parts besides solution.xml and customizations.xml.</param>
        public static XDocument For(IEnumerable<string> parts)
        {
            var extensions = new[] { "xml" }.Concat(parts.Select(Extension)).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
            return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Namespace + "Types",
                extensions.Select(e => new XElement(Namespace + "Default", new XAttribute("Extension", e),
                    new XAttribute("ContentType", e == "xml" ? "text/xml" : "application/octet-stream")))));
        }

        /// <summary>Parts of <paramref name="parts"/> whose extension <paramref name="contentTypes"/> declares no type for.</summary>
        public static IEnumerable<string> Undeclared(XDocument contentTypes, IEnumerable<string> parts)
        {
            var root = contentTypes.Root;
            var defaults = new HashSet<string>(root.Elements(Namespace + "Default").Select(d => (string)d.Attribute("Extension")), StringComparer.OrdinalIgnoreCase);
            var overrides = new HashSet<string>(root.Elements(Namespace + "Override").Select(o => ((string)o.Attribute("PartName") ?? "").TrimStart('/')), StringComparer.OrdinalIgnoreCase);
            return parts.Where(p => p != "[Content_Types].xml" && !defaults.Contains(Extension(p)) && !overrides.Contains(p));
        }

        private static string Extension(string part) => Path.GetExtension(part).TrimStart('.');
    }
}
