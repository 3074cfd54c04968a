using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// Prints a <see cref="ReportDocument"/> as text tables. A long cell wraps at a space onto the next lines of its row,
    /// never cut, because a reason cut mid-word is a reason a manager cannot act on.
    /// </summary>
    public static class ReportText
    {
        public const int CellWidth = 90;

        public static void Write(TextWriter output, ReportDocument document)
        {
            foreach (var line in document.Preamble) output.WriteLine(line);
            foreach (var section in document.Sections)
            {
                output.WriteLine();
                output.WriteLine("== " + section.Title);
                var afterTable = false;
                foreach (var part in section.Parts)
                {
                    if (afterTable) output.WriteLine();
                    if (part.Text != null) output.WriteLine(part.Text);
                    else Table(output, part.Columns, part.Rows);
                    afterTable = part.Columns != null;
                }
            }
        }

        private static void Table(TextWriter output, string[] header, List<string[]> rows)
        {
            var wrapped = rows.Select(r => r.Select(Wrap).ToArray()).ToList();
            var widths = header.Select((h, i) => wrapped.SelectMany(r => r[i]).Select(l => l.Length).Append(h.Length).Max()).ToArray();
            string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
            output.WriteLine(Line(header));
            output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            foreach (var row in wrapped)
                for (var line = 0; line < row.Max(c => c.Count); line++)
                    output.WriteLine(Line(row.Select(c => line < c.Count ? c[line] : "")));
        }

        /// <summary>The cell's lines: words kept whole, each line at most <see cref="CellWidth"/> unless one word is longer.</summary>
        public static List<string> Wrap(string cell)
        {
            var lines = new List<string> { "" };
            foreach (var word in (cell ?? "").Split(' '))
            {
                var last = lines[lines.Count - 1];
                if (last.Length > 0 && last.Length + 1 + word.Length > CellWidth) lines.Add(word);
                else lines[lines.Count - 1] = last.Length == 0 ? word : last + " " + word;
            }
            return lines;
        }
    }
}
