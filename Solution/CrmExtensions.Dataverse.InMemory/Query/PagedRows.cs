using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using CrmExtensions.Dataverse.InMemory.Storage;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>
    /// What a paging cookie lets the platform do: continue a query where the last page ended instead of evaluating it
    /// again. The matched rows are kept under the cookie while no write has happened since; after a write the next page
    /// is evaluated afresh (and sees the write), as a key-based cookie would.
    /// </summary>
    internal static class PagedRows
    {
        private const int Kept = 16;
        private static readonly Regex Token = new Regex("token=\"([0-9a-f]{32})\"", RegexOptions.Compiled);
        public static string Cookie(TableStore store, List<QueryRow> rows, int page)
        {
            var token = Guid.NewGuid().ToString("N");
            if (store.PagedResults.Count >= Kept) store.PagedResults.Clear();
            store.PagedResults[token] = new KeyValuePair<long, object>(store.Changes, rows);
            return $"<cookie page=\"{page}\" token=\"{token}\" />";
        }

        public static List<QueryRow> Continue(TableStore store, string cookie)
        {
            if (string.IsNullOrEmpty(cookie)) return null;
            var match = Token.Match(cookie);
            if (!match.Success) return null;
            return store.PagedResults.TryGetValue(match.Groups[1].Value, out var kept) && kept.Key == store.Changes ? (List<QueryRow>)kept.Value : null;
        }
    }
}
