using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Cli
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

        /// <summary>The same finding, its file named inside another solution's source (e.g. CrmExtensionsService/...).</summary>
        public ValidationIssue In(string solution) => new ValidationIssue($"{solution}/{File}", Line, Message);
    }

    /// <summary>A table of the solution: Entities/&lt;folder&gt;/Entity.xml and what lies beside it.</summary>
    public sealed class SolutionTable
    {
        public SolutionTable(string name, string folder)
        {
            Name = name;
            Folder = folder;
        }

        /// <summary>Logical name (the Entity.xml Name).</summary>
        public string Name { get; }

        /// <summary>"Entities/&lt;folder&gt;/".</summary>
        public string Folder { get; }

        public string EntityFile => Folder + "Entity.xml";
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

        private SolutionSource(SolutionSource source, IEnumerable<KeyValuePair<string, XDocument>> replaced, Func<string, bool> dropped)
        {
            Directory = source.Directory;
            foreach (var pair in source._documents.Where(d => !dropped(d.Key))) _documents[pair.Key] = pair.Value;
            foreach (var pair in replaced) _documents[pair.Key] = pair.Value;
            ParseErrors.AddRange(source.ParseErrors);
        }

        public string Directory { get; }
        public List<ValidationIssue> ParseErrors { get; } = new List<ValidationIssue>();
        public IReadOnlyDictionary<string, XDocument> Documents => _documents;

        /// <summary>This source with some files generated anew (and the stale ones <paramref name="dropped"/> removed).</summary>
        public SolutionSource With(IEnumerable<KeyValuePair<string, XDocument>> generated, Func<string, bool> dropped) => new SolutionSource(this, generated, dropped);

        public string Relative(string file) => Path.GetRelativePath(Directory, file).Replace('\\', '/');

        public IEnumerable<KeyValuePair<string, XDocument>> Under(string folder) =>
            _documents.Where(d => d.Key.StartsWith(folder + "/", StringComparison.Ordinal)).OrderBy(d => d.Key, StringComparer.Ordinal);

        public XDocument Get(string relative) => _documents.TryGetValue(relative, out var doc) ? doc : null;

        public XElement SolutionManifest => Get("Other/Solution.xml")?.Root?.Element("SolutionManifest");
        public string Version => (string)SolutionManifest?.Element("Version");
        public string UniqueName => (string)SolutionManifest?.Element("UniqueName");
        public string Prefix => (string)SolutionManifest?.Element("Publisher")?.Element("CustomizationPrefix");

        public IEnumerable<SolutionTable> Tables() =>
            Under("Entities").Where(d => d.Key.Split('/').Length == 3 && d.Key.EndsWith("/Entity.xml", StringComparison.Ordinal) && d.Value.Root?.Element("Name") != null)
                .Select(d => new SolutionTable(((string)d.Value.Root.Element("Name")).ToLowerInvariant(), d.Key.Substring(0, d.Key.Length - "Entity.xml".Length)));

        /// <summary>A table the solution creates (publisher prefix), as opposed to a platform table it adds columns to.</summary>
        public bool IsCustomTable(string table) => Prefix != null && table.StartsWith(Prefix + "_", StringComparison.OrdinalIgnoreCase);

        /// <summary>Columns each table declares in Entities/&lt;table&gt;/Entity.xml, with their types.</summary>
        public Dictionary<string, Dictionary<string, string>> DeclaredColumns()
        {
            var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var table in Tables())
            {
                var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var attribute in Get(table.EntityFile).Descendants("attribute")) columns[(string)attribute.Element("LogicalName") ?? ""] = (string)attribute.Element("Type");
                result[table.Name] = columns;
            }
            return result;
        }

        public static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
    }
}
