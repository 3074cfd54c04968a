using System;
using System.Xml;

namespace CrmExtensions.Domain.Json
{
    /// <summary>A JSON column the product wrote itself (ledger, plan): anything it cannot use is as good as absent.</summary>
    internal static class StoredJson
    {
        /// <summary>Null when absent, malformed, of another shape or not <paramref name="usable"/>: the caller rebuilds it.</summary>
        public static T Read<T>(string json, Func<JsonInput, T> read, Func<T, bool> usable) where T : class
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            try
            {
                using (var input = JsonInput.Open(json))
                {
                    var value = read(input);
                    return value != null && usable(value) ? value : null;
                }
            }
            catch (Exception ex) when (ex is XmlException || ex is FormatException || ex is OverflowException || ex is ArgumentException)
            {
                return null;
            }
        }
    }
}
