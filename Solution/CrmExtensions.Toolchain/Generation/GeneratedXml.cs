using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>How generated XML is written: the same bytes every time, so committed files compare as text.</summary>
    public static class GeneratedXml
    {
        public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

        public static string Text(XDocument document)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            using (var buffer = new MemoryStream())
            {
                using (var writer = XmlWriter.Create(buffer, settings)) document.Save(writer);
                return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
            }
        }
    }
}
