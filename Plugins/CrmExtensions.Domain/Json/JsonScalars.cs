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
            if (text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal)) return MicrosoftDate(text, utc);
            var styles = utc ? DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal : DateTimeStyles.RoundtripKind;
            if (DateTime.TryParseExact(text, IsoFormat, CultureInfo.InvariantCulture, styles, out var value)
                || DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out value))
                return value;
            throw new FormatException($"Could not convert string to DateTime: {text}.");
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
