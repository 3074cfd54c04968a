using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CrmExtensions.Domain.Json
{
    /// <summary>
    /// Writes JSON text character for character as Json.NET wrote the documents already stored in orgs (its escaping,
    /// decimals always with a decimal point, doubles round-trip, ISO dates, its indented layout), so a stored ledger,
    /// plan or calibration document read and written again is the same text. The framework's JSON writer cannot be
    /// used for this: it escapes '/' and writes 100m as 100.
    /// </summary>
    internal sealed class JsonTextOutput
    {
        private readonly StringBuilder _text;
        private readonly bool _indented;
        private readonly bool _utcDates;

        // Per open object or array: whether something was written into it yet (a comma and, indented, a new line go before the next).
        private readonly List<bool> _filled = new List<bool>(8);
        private bool _afterName;

        /// <summary>
        /// <paramref name="utcDates"/>: dates written as UTC, an unspecified kind taken as UTC (the ledger); otherwise as
        /// their kind says (settings).
        /// </summary>
        public JsonTextOutput(bool indented, bool utcDates, int capacity = 256)
        {
            _text = new StringBuilder(capacity);
            _indented = indented;
            _utcDates = utcDates;
        }

        public override string ToString() => _text.ToString();

        public void StartObject() => Start('{');
        public void EndObject() => End('}');
        public void StartArray() => Start('[');
        public void EndArray() => End(']');

        public void Name(string name)
        {
            Separate();
            AppendString(name);
            _text.Append(_indented ? ": " : ":");
            _afterName = true;
        }

        public void Null() => Value().Append("null");
        public void Boolean(bool value) => Value().Append(value ? "true" : "false");
        public void Number(long value) => Value().Append(value.ToString(CultureInfo.InvariantCulture));

        public void String(string value)
        {
            if (value == null) Null();
            else AppendString(Value(), value);
        }

        /// <summary>Always with a decimal point (100m is 100.0) and the scale the value has (12.50m stays 12.50).</summary>
        public void Decimal(decimal value)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            Value().Append(text);
            if (text.IndexOf('.') < 0) _text.Append(".0");
        }

        /// <summary>The shortest text that reads back as the same double, with a decimal point or exponent; NaN and infinities quoted.</summary>
        public void Double(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (double.IsNaN(value) || double.IsInfinity(value)) String(text);
            else if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0 && text.IndexOf('e') < 0) Value().Append(text).Append(".0");
            else Value().Append(text);
        }

        public void Date(DateTime value)
        {
            if (_utcDates) value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
            AppendDate(Value().Append('"'), value).Append('"');
        }

        public void Guid(Guid value) => Value().Append('"').Append(value.ToString("D")).Append('"');

        // Members as the ledger and plan write them: a null value is left out.
        public void Member(string name, string value) { if (value != null) { Name(name); String(value); } }
        public void Member(string name, DateTime value) { Name(name); Date(value); }
        public void Member(string name, DateTime? value) { if (value.HasValue) Member(name, value.Value); }
        public void Member(string name, decimal value) { Name(name); Decimal(value); }
        public void Member(string name, long value) { Name(name); Number(value); }
        public void Member(string name, long? value) { if (value.HasValue) Member(name, value.Value); }
        public void Member(string name, bool value) { Name(name); Boolean(value); }
        public void Member(string name, Guid value) { Name(name); Guid(value); }
        public void Member(string name, Guid? value) { if (value.HasValue) Member(name, value.Value); }

        private void Start(char bracket)
        {
            Value().Append(bracket);
            _filled.Add(false);
        }

        private void End(char bracket)
        {
            var last = _filled.Count - 1;
            var filled = _filled[last];
            _filled.RemoveAt(last);
            if (filled && _indented) NewLine();
            _text.Append(bracket);
        }

        /// <summary>Where a value goes: straight after its member's name, or as the next item of an array.</summary>
        private StringBuilder Value()
        {
            if (_afterName) _afterName = false;
            else if (_filled.Count > 0) Separate();
            return _text;
        }

        private void Separate()
        {
            var last = _filled.Count - 1;
            if (_filled[last]) _text.Append(',');
            _filled[last] = true;
            if (_indented) NewLine();
        }

        private void NewLine()
        {
            _text.Append(Environment.NewLine);
            _text.Append(' ', 2 * _filled.Count);
        }

        private void AppendString(string value) => AppendString(_text, value);

        /// <summary>
        /// Json.NET's default escaping: quote, backslash and control characters (\b \t \n \f \r by name, the rest as \u00xx),
        /// and U+0085, U+2028, U+2029; everything else, '/' and non-ASCII included, as it is.
        /// </summary>
        private static void AppendString(StringBuilder text, string value)
        {
            text.Append('"');
            var start = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                string escaped;
                switch (c)
                {
                    case '"': escaped = "\\\""; break;
                    case '\\': escaped = "\\\\"; break;
                    case '\b': escaped = "\\b"; break;
                    case '\t': escaped = "\\t"; break;
                    case '\n': escaped = "\\n"; break;
                    case '\f': escaped = "\\f"; break;
                    case '\r': escaped = "\\r"; break;
                    case '\u0085': escaped = "\\u0085"; break;
                    case '\u2028': escaped = "\\u2028"; break;
                    case '\u2029': escaped = "\\u2029"; break;
                    default:
                        if (c >= ' ') continue;
                        escaped = "\\u00" + ((int)c).ToString("x2", CultureInfo.InvariantCulture);
                        break;
                }
                text.Append(value, start, i - start).Append(escaped);
                start = i + 1;
            }
            text.Append(value, start, value.Length - start).Append('"');
        }

        /// <summary>ISO 8601: seconds always, a fraction only when there is one (trailing zeros dropped), then Z, an offset or nothing by kind.</summary>
        private static StringBuilder AppendDate(StringBuilder text, DateTime value)
        {
            Digits(text, value.Year, 4).Append('-');
            Digits(text, value.Month, 2).Append('-');
            Digits(text, value.Day, 2).Append('T');
            Digits(text, value.Hour, 2).Append(':');
            Digits(text, value.Minute, 2).Append(':');
            Digits(text, value.Second, 2);
            var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
            if (fraction != 0)
            {
                var digits = 7;
                while (fraction % 10 == 0)
                {
                    fraction /= 10;
                    digits--;
                }
                Digits(text.Append('.'), fraction, digits);
            }
            if (value.Kind == DateTimeKind.Utc) text.Append('Z');
            else if (value.Kind == DateTimeKind.Local) text.Append(value.ToString("%K", CultureInfo.InvariantCulture));
            return text;
        }

        /// <summary>The value's last <paramref name="width"/> digits, zero-padded (dates are written on every event: no strings made).</summary>
        private static StringBuilder Digits(StringBuilder text, int value, int width)
        {
            var divisor = 1;
            for (var i = 1; i < width; i++) divisor *= 10;
            for (; divisor > 0; divisor /= 10) text.Append((char)('0' + value / divisor % 10));
            return text;
        }
    }
}
