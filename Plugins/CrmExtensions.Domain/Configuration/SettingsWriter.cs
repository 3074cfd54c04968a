using System;
using System.Collections;
using System.Globalization;
using System.Reflection;
using CrmExtensions.Domain.Json;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>
    /// Writes settings classes as the settings document spells them, in the text Json.NET wrote (indented): camelCase
    /// members in declaration order, options as camelCase names, nulls written, dates in the kind they have.
    /// </summary>
    internal static class SettingsWriter
    {
        /// <summary>{ "<paramref name="section"/>": value }, indented.</summary>
        public static string Section(string section, object value)
        {
            var o = new JsonTextOutput(indented: true, utcDates: false);
            o.StartObject();
            o.Name(section);
            Value(o, value);
            o.EndObject();
            return o.ToString();
        }

        private static void Value(JsonTextOutput o, object value)
        {
            switch (value)
            {
                case null: o.Null(); return;
                case string s: o.String(s); return;
                case Enum e: o.String(JsonNames.CamelCase(e.ToString())); return;
                case int i: o.Number(i); return;
                case long l: o.Number(l); return;
                case decimal d: o.Decimal(d); return;
                case double d: o.Double(d); return;
                case DateTime t: o.Date(t); return;
                case IDictionary map:
                    o.StartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        // Keys as they are, an option by its name (Json.NET did not camelCase dictionary keys here); any case reads back.
                        o.Name(Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                        Value(o, entry.Value);
                    }
                    o.EndObject();
                    return;
                case IEnumerable items:
                    o.StartArray();
                    foreach (var item in items) Value(o, item);
                    o.EndArray();
                    return;
            }
            o.StartObject();
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanRead || property.GetIndexParameters().Length > 0) continue;
                o.Name(JsonNames.CamelCase(property.Name));
                Value(o, property.GetValue(value));
            }
            o.EndObject();
        }
    }
}
