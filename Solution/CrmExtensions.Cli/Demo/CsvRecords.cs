using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>
    /// CSV records as RFC 4180 writes them: a field in double quotes may hold commas, line breaks and doubled quotes
    /// (what Excel writes for a name like "Contoso, Ltd."). Each record carries the line it starts on, so an error in a
    /// record after a multi-line field still names the right line.
    /// </summary>
    public static class CsvRecords
    {
        public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, string file)
        {
            var line = 0;
            string text;
            while ((text = reader.ReadLine()) != null)
            {
                line++;
                var start = line;
                if (text.Trim().Length == 0) continue;
                var fields = new List<string>();
                var field = new StringBuilder();
                var quoted = false;
                for (var i = 0; ; i++)
                {
                    if (i == text.Length)
                    {
                        if (!quoted) break;
                        // A line break inside quotes belongs to the field.
                        text = reader.ReadLine() ?? throw new SampleDataException(file, start, "a quoted field is not closed");
                        line++;
                        field.Append('\n');
                        i = -1;
                        continue;
                    }
                    var c = text[i];
                    if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (quoted && c == '"') quoted = false;
                    else if (c == '"' && field.ToString().Trim().Length == 0) { field.Clear(); quoted = true; }
                    else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                    else field.Append(c);
                }
                fields.Add(field.ToString());
                yield return (start, fields.ToArray());
            }
        }
    }
}
