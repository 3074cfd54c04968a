using System;
using System.Globalization;

namespace CrmExtensions.Domain.Json
{
    /// <summary>Dates and enum names read from JSON text the way Json.NET read them, for the ledger, the plan and the settings alike.</summary>
    internal static class JsonScalars
    {
        private const string IsoFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK";
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// ISO 8601 (or any form DateTime parses invariantly, or Microsoft's "/Date(ms)/"). <paramref name="utc"/>: as UTC,
        /// an offset converted and a date without zone taken as UTC (the ledger's rule); otherwise the kind the text says:
        /// Z is UTC, an offset local time, no zone unspecified (the settings' rule).
        /// </summary>
        public static DateTime Date(string text, bool utc)
        {
            if (utc && UtcIso(text, out var written)) return written;
            if (text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal)) return MicrosoftDate(text, utc);
            var styles = utc ? DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal : DateTimeStyles.RoundtripKind;
            if (DateTime.TryParseExact(text, IsoFormat, CultureInfo.InvariantCulture, styles, out var value)
                || DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out value))
                return value;
            throw new FormatException($"Could not convert string to DateTime: {text}.");
        }

        /// <summary>
        /// The form the ledger writes, yyyy-MM-ddTHH:mm:ss[.fffffff]Z, read without the general parser: a ledger holds dozens
        /// of dates and is read on every event. Anything else is left to the general parser (false).
        /// </summary>
        private static bool UtcIso(string text, out DateTime value)
        {
            value = default(DateTime);
            var length = text.Length;
            if (length < 20 || length > 28 || text[length - 1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return false;
            if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
                || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)) return false;
            var ticks = 0L;
            if (length > 20)
            {
                var digits = length - 21;
                if (text[19] != '.' || digits < 1 || !Digits(text, 20, digits, out var fraction)) return false;
                ticks = fraction;
                for (var i = digits; i < 7; i++) ticks *= 10;
            }
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
            return true;
        }

        private static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = text[i] - '0';
                if (digit < 0 || digit > 9) return false;
                value = value * 10 + digit;
            }
            return true;
        }

        private static DateTime MicrosoftDate(string text, bool utc)
        {
            var body = text.Substring(6, text.Length - 8);
            var zone = body.IndexOfAny(new[] { '+', '-' }, 1);
            var milliseconds = long.Parse(zone > 0 ? body.Substring(0, zone) : body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var value = new DateTime(Epoch.Ticks + milliseconds * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            return zone > 0 && !utc ? value.ToLocalTime() : value;
        }

        public static T Enum<T>(string text, bool allowNumbers) where T : struct => (T)Enum(typeof(T), text, allowNumbers);

        /// <summary>
        /// A name in any case (so the camelCase names settings use, and the names the plan uses for keys); a number only
        /// where <paramref name="allowNumbers"/>: settings refuse numbers so an admin cannot pick an option by position.
        /// </summary>
        public static object Enum(Type type, string text, bool allowNumbers)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 0 && (char.IsDigit(trimmed[0]) || trimmed[0] == '-' || trimmed[0] == '+')
                && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (!allowNumbers) throw new FormatException($"Integer string '{trimmed}' is not allowed.");
                return System.Enum.ToObject(type, number);
            }
            try
            {
                return System.Enum.Parse(type, trimmed, ignoreCase: true);
            }
            catch (ArgumentException)
            {
                throw new FormatException($"Requested value '{text}' was not found.");
            }
        }
    }
}
