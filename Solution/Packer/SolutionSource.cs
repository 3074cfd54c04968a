using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Packer
{
    /// <summary>A finding about the solution source or package: the file, the line, and what is wrong.</summary>
    public sealed class ValidationIssue
    {
        public ValidationIssue(string file, int line, string message)
        {
            File = file;
            Line = line;
            Message = message;
        }

        public string File { get; }
        public int Line { get; }
        public string Message { get; }
        public override string ToString() => $"{File}({Line}): {Message}";
    }

    /// <summary>The unpacked solution (SolutionPackager layout), parsed once with line numbers for messages.</summary>
    public sealed class SolutionSource
    {
        private readonly Dictionary<string, XDocument> _documents = new Dictionary<string, XDocument>(StringComparer.Ordinal);

        public SolutionSource(string directory)
        {
            if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"Solution source not found: {directory}");
            Directory = directory;
            foreach (var file in System.IO.Directory.GetFiles(directory, "*.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var relative = Relative(file);
                try
                {
                    _documents[relative] = XDocument.Load(file, LoadOptions.SetLineInfo);
                }
                catch (XmlException ex)
                {
                    ParseErrors.Add(new ValidationIssue(relative, ex.LineNumber, "malformed XML: " + ex.Message));
                }
            }
        }

        public string Directory { get; }
        public List<ValidationIssue> ParseErrors { get; } = new List<ValidationIssue>();
        public IReadOnlyDictionary<string, XDocument> Documents => _documents;

        public string Relative(string file) => Path.GetRelativePath(Directory, file).Replace('\\', '/');

        public IEnumerable<KeyValuePair<string, XDocument>> Under(string folder) =>
            _documents.Where(d => d.Key.StartsWith(folder + "/", StringComparison.Ordinal));

        public XDocument Get(string relative) => _documents.TryGetValue(relative, out var doc) ? doc : null;

        public XElement SolutionManifest => Get("Other/Solution.xml")?.Root?.Element("SolutionManifest");
        public string Version => (string)SolutionManifest?.Element("Version");
        public string UniqueName => (string)SolutionManifest?.Element("UniqueName");

        /// <summary>Columns each table declares in Entities/&lt;table&gt;/Entity.xml.</summary>
        public Dictionary<string, HashSet<string>> DeclaredColumns()
        {
            var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var entity in Under("Entities").Where(d => d.Key.EndsWith("/Entity.xml", StringComparison.Ordinal)))
            {
                var name = (string)entity.Value.Root?.Element("Name");
                if (name == null) continue;
                var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var attribute in entity.Value.Descendants("attribute")) columns.Add((string)attribute.Element("LogicalName") ?? "");
                result[name] = columns;
            }
            return result;
        }

        public static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
    }
}
