using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;

namespace CrmExtensions.Domain.Tests.Json
{
    /// <summary>
    /// Every field of an object graph as "path = value" lines, independent of any JSON library: what a parser produced,
    /// down to a date's kind and a decimal's scale, so two parsers can be compared field by field.
    /// </summary>
    internal static class ObjectDump
    {
        public static string Of(object value)
        {
            var lines = new List<string>();
            Walk("$", value, lines);
            return string.Join("\n", lines) + "\n";
        }

        private static void Walk(string path, object value, List<string> lines)
        {
            switch (value)
            {
                case null: lines.Add($"{path} = null"); return;
                case string s: lines.Add($"{path} = \"{Escape(s)}\""); return;
                case bool b: lines.Add($"{path} = {(b ? "true" : "false")}"); return;
                case decimal d: lines.Add($"{path} = {d.ToString(CultureInfo.InvariantCulture)}m"); return;
                case double d: lines.Add($"{path} = {d.ToString("R", CultureInfo.InvariantCulture)}d"); return;
                case DateTime t: lines.Add($"{path} = {t.ToString("o", CultureInfo.InvariantCulture)} ({t.Kind})"); return;
                case Guid g: lines.Add($"{path} = {g:D}"); return;
                case Enum e: lines.Add($"{path} = {e.GetType().Name}.{e} ({Convert.ToInt64(e, CultureInfo.InvariantCulture)})"); return;
                case int _:
                case long _:
                    lines.Add($"{path} = {Convert.ToString(value, CultureInfo.InvariantCulture)}"); return;
                case IDictionary map:
                    lines.Add($"{path} = {Name(value.GetType())} ({map.Count})");
                    foreach (var key in map.Keys.Cast<object>().OrderBy(k => Key(k), StringComparer.Ordinal))
                        Walk($"{path}[{Key(key)}]", map[key], lines);
                    return;
                case IEnumerable items:
                    var list = items.Cast<object>().ToList();
                    lines.Add($"{path} = {Name(value.GetType())} ({list.Count})");
                    for (var i = 0; i < list.Count; i++) Walk($"{path}[{i}]", list[i], lines);
                    return;
            }
            lines.Add($"{path} = {Name(value.GetType())}");
            // Only what a document can set: public properties with a public setter (derived views such as Live are left out).
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.GetSetMethod() != null && p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
                Walk($"{path}.{property.Name}", property.GetValue(value), lines);
        }

        private static string Key(object key) => key is Enum e
            ? $"{e}({Convert.ToInt64(e, CultureInfo.InvariantCulture)})"
            : key is DateTime t ? t.ToString("o", CultureInfo.InvariantCulture) : Convert.ToString(key, CultureInfo.InvariantCulture);

        private static string Name(Type type) => type.IsGenericType
            ? type.Name.Substring(0, type.Name.IndexOf('`')) + "<" + string.Join(",", type.GetGenericArguments().Select(Name)) + ">"
            : type.Name;

        private static string Escape(string s)
        {
            var text = new StringBuilder();
            foreach (var c in s)
            {
                if (c == '\\' || c == '"') text.Append('\\').Append(c);
                else if (c < 0x20 || c > 0x7e) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else text.Append(c);
            }
            return text.ToString();
        }
    }
}
