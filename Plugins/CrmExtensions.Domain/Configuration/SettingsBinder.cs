using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using CrmExtensions.Domain.Json;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>
    /// Fills the settings classes from a merged settings document by their public properties, as Json.NET did: members
    /// by camelCase name (any case), an unknown member refused, options as camelCase names (a number refused), a
    /// dictionary keyed by option name, explicit nulls set. Numbers convert as Json.NET's JObject converted them (a
    /// decimal by way of a double). A value that does not fit throws <see cref="FormatException"/> naming its path.
    /// </summary>
    internal static class SettingsBinder
    {
        public static T Bind<T>(XElement document) => (T)Value(document, typeof(T), "");

        private static object Value(XElement value, Type type, string path)
        {
            var kind = SettingsDocument.Kind(value);
            var underlying = Nullable.GetUnderlyingType(type);
            if (kind == "null")
            {
                if (type.IsValueType && underlying == null) throw Error($"Error converting value {{null}} to type '{type}'.", path);
                return null;
            }
            type = underlying ?? type;
            if (type.IsEnum) return Option(value, kind, type, path);
            if (type == typeof(string)) return kind == "boolean" ? (value.Value == "true" ? bool.TrueString : bool.FalseString) : value.Value;
            if (type == typeof(int) || type == typeof(decimal) || type == typeof(double)) return Number(value.Value, kind, type, path);
            if (type == typeof(DateTime))
            {
                if (kind != "string") throw Error($"Error reading date. Unexpected token: {kind}.", path);
                return Converted(() => JsonScalars.Date(value.Value, utc: false), path);
            }
            var dictionary = Generic(type, typeof(IDictionary<,>));
            if (dictionary != null) return Dictionary(value, kind, type, dictionary, path);
            var list = type.IsArray ? type.GetElementType() : Generic(type, typeof(IList<>))?[0];
            if (list != null) return List(value, kind, type, list, path);
            return Object(value, kind, type, path);
        }

        private static object Object(XElement value, string kind, Type type, string path)
        {
            if (kind != "object") throw Error($"Error converting value {Shown(value)} to type '{type.Name}'.", path);
            var target = Activator.CreateInstance(type);
            var properties = Properties(type);
            foreach (var member in value.Elements())
            {
                var name = SettingsDocument.Name(member);
                // The camelCase name first, then any case (Json.NET matched names that way).
                var property = properties.FirstOrDefault(p => p.Key == name).Value
                    ?? properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
                var memberPath = Path(path, name);
                if (property == null && Retired.Contains(memberPath)) continue;
                if (property == null) throw Error($"Could not find member '{name}' on object of type '{type.Name}'.", memberPath);
                property.SetValue(target, Value(member, property.PropertyType, memberPath));
            }
            return target;
        }

        /// <summary>
        /// Settings an earlier version read and this one does not: a stored document that still sets them loads, and they
        /// change nothing (the purchase model now carries overdue silence and falling activity; amounts come in the org's
        /// base currency from the platform's *_base columns, at the rates the org keeps on its currencies).
        /// </summary>
        private static readonly HashSet<string> Retired = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "churn.overduePoints", "churn.activityDeclinePoints", "currency",
        };

        /// <summary>A type's settable properties by camelCase name (the runtime caches the reflection; a plug-in keeps no static state).</summary>
        private static KeyValuePair<string, PropertyInfo>[] Properties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
                .Select(p => new KeyValuePair<string, PropertyInfo>(JsonNames.CamelCase(p.Name), p)).ToArray();

        private static object Dictionary(XElement value, string kind, Type type, Type[] keyAndValue, string path)
        {
            if (kind != "object") throw Error($"Cannot read {Article(kind)} into a dictionary: a JSON object is required.", path);
            var dictionary = (IDictionary)Activator.CreateInstance(type.IsInterface ? typeof(Dictionary<,>).MakeGenericType(keyAndValue) : type);
            foreach (var member in value.Elements())
            {
                var name = SettingsDocument.Name(member);
                object key = name;
                if (keyAndValue[0].IsEnum)
                    key = Converted(() => JsonScalars.Enum(keyAndValue[0], name, allowNumbers: true), path,
                        $"Could not convert string '{name}' to dictionary key type '{keyAndValue[0].Name}'.");
                dictionary[key] = Value(member, keyAndValue[1], Path(path, name));
            }
            return dictionary;
        }

        private static object List(XElement value, string kind, Type type, Type item, string path)
        {
            if (kind != "array") throw Error($"Cannot read {Article(kind)} into a list: a JSON array is required.", path);
            var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item));
            var index = 0;
            foreach (var element in value.Elements()) items.Add(Value(element, item, $"{path}[{index++}]"));
            if (!type.IsArray) return items;
            var array = Array.CreateInstance(item, items.Count);
            items.CopyTo(array, 0);
            return array;
        }

        /// <summary>An option by camelCase name (any case); numbers are refused so an admin cannot pick an option by its position.</summary>
        private static object Option(XElement value, string kind, Type type, string path)
        {
            if (kind == "number") throw Error($"Error converting value {value.Value} to type '{type.Name}': integer value {value.Value} is not allowed.", path);
            if (kind != "string") throw Error($"Unexpected token {kind} when parsing enum.", path);
            try
            {
                return JsonScalars.Enum(type, value.Value, allowNumbers: false);
            }
            catch (FormatException ex)
            {
                var options = string.Join(", ", Enum.GetNames(type).Select(JsonNames.CamelCase));
                throw Error($"Error converting value \"{value.Value}\" to type '{type.Name}': {ex.Message} The options are {options}.", path);
            }
        }

        /// <summary>
        /// As JObject held them: a whole number as a long, any other number as a double (so a decimal has at most 15 digits),
        /// a string parsed invariantly; a whole number is rounded into an int.
        /// </summary>
        private static object Number(string text, string kind, Type type, string path)
        {
            var typeName = type == typeof(int) ? "integer" : type.Name.ToLowerInvariant();
            if (kind == "string")
            {
                return Converted(() => type == typeof(int) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : type == typeof(decimal) ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)
                    : (object)double.Parse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture), path,
                    $"Could not convert string to {typeName}: {text}.");
            }
            if (kind != "number") throw Error($"Error reading {typeName}. Unexpected token: {kind}.", path);
            var whole = text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
            return Converted(() =>
            {
                object number = whole ? (object)long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return Convert.ChangeType(number, type, CultureInfo.InvariantCulture);
            }, path, $"Could not convert {text} to {typeName}.");
        }

        private static object Converted(Func<object> convert, string path, string message = null)
        {
            try
            {
                return convert();
            }
            catch (Exception ex) when (ex is FormatException || ex is OverflowException || ex is ArgumentException || ex is InvalidCastException)
            {
                throw Error(message ?? ex.Message, path);
            }
        }

        private static Type[] Generic(Type type, Type definition)
        {
            var match = type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type
                : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
            return match?.GetGenericArguments();
        }

        private static string Shown(XElement value) => SettingsDocument.Kind(value) == "string" ? $"\"{value.Value}\"" : value.Value;

        private static string Article(string kind) => ("aeiou".IndexOf(kind[0]) >= 0 ? "an " : "a ") + kind;

        private static string Path(string path, string name) => path.Length == 0 ? name : path + "." + name;

        private static FormatException Error(string message, string path) => new FormatException($"{message} Path '{path}'.");
    }
}
