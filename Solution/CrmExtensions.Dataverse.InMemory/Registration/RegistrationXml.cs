using System;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    /// <summary>Reading registration files with messages that name the file, the line and the problem.</summary>
    internal static class RegistrationXml
    {
        public static XElement Read(string file)
        {
            try
            {
                return XDocument.Load(file, LoadOptions.SetLineInfo).Root;
            }
            catch (XmlException ex)
            {
                throw new InvalidDataException($"{file}({ex.LineNumber}): malformed XML: {ex.Message}", ex);
            }
            catch (FileNotFoundException ex)
            {
                throw new InvalidDataException($"{file}: missing", ex);
            }
        }

        public static string Text(XElement root, string element, string file) =>
            NullIfEmpty((string)root.Element(element)) ?? throw Bad(file, root, $"<{element}> is missing or empty");

        public static int Int(XElement root, string element, string file)
        {
            var text = Text(root, element, file);
            if (!int.TryParse(text, out var value)) throw Bad(file, root.Element(element), $"<{element}> must be a whole number, not '{text}'");
            return value;
        }

        public static string[] Split(string list) =>
            (list ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

        public static string NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        public static InvalidDataException Bad(string file, XElement at, string what)
        {
            var line = at is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
            return new InvalidDataException($"{file}({line}): {what}.");
        }
    }
}
