using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// The report as sections of sentences and tables, so one report prints as text for a person (<see cref="ReportText"/>)
    /// and as JSON for a pipeline (--json) from the same figures.
    /// </summary>
    public sealed class ReportDocument
    {
        private readonly List<ReportSection> _sections = new List<ReportSection>();

        public IReadOnlyList<ReportSection> Sections => _sections;

        /// <summary>Sentences before the first section: what the figures are (as-of date, currency, what value means).</summary>
        public List<string> Preamble { get; } = new List<string>();

        public void Section(string title) => _sections.Add(new ReportSection(title));

        /// <summary>A sentence in the current section (the preamble before the first).</summary>
        public void Note(string text)
        {
            if (_sections.Count == 0) Preamble.Add(text);
            else _sections[_sections.Count - 1].Parts.Add(new ReportPart(text, null, null));
        }

        public void Table(string[] columns, IEnumerable<string[]> rows) =>
            _sections[_sections.Count - 1].Parts.Add(new ReportPart(null, columns, rows.ToList()));

        public string ToJson() => JsonSerializer.Serialize(new
        {
            preamble = Preamble,
            sections = _sections.Select(s => new
            {
                title = s.Title,
                notes = s.Parts.Where(p => p.Text != null).Select(p => p.Text),
                tables = s.Parts.Where(p => p.Columns != null).Select(p => p.Rows.Select(r => p.Columns.Select((c, i) => (c, v: r[i])).ToDictionary(x => x.c, x => x.v))),
            }),
        }, new JsonSerializerOptions { WriteIndented = true });
    }

    public sealed class ReportSection
    {
        public ReportSection(string title) { Title = title; }

        public string Title { get; }
        public List<ReportPart> Parts { get; } = new List<ReportPart>();
    }

    /// <summary>A sentence (Text) or a table (Columns and Rows).</summary>
    public sealed class ReportPart
    {
        public ReportPart(string text, string[] columns, List<string[]> rows)
        {
            Text = text;
            Columns = columns;
            Rows = rows;
        }

        public string Text { get; }
        public string[] Columns { get; }
        public List<string[]> Rows { get; }
    }
}
