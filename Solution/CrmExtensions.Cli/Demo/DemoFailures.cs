using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>
    /// What went wrong in the demo's recalculation jobs, customer by customer: a demo that hides failed customers
    /// behind a finished report would pass a defect off as a result.
    /// </summary>
    public sealed class DemoFailures
    {
        /// <summary>Reasons printed before "and N more": enough to see a pattern, few enough to read.</summary>
        public const int Shown = 10;

        private readonly List<string> _reasons = new List<string>();
        private int _unexplained;

        public int Count => _reasons.Count + _unexplained;

        /// <summary>A job that stopped as a whole: its own error.</summary>
        public void JobFailed(string job, string error) => _reasons.Add($"job '{job}' failed: {error}");

        /// <summary>
        /// A job's failed customers; <paramref name="errors"/> are the "{table} {id}: {message}" lines its pages kept,
        /// fewer than <paramref name="failed"/> when a page kept only its first ones.
        /// </summary>
        public void CustomersFailed(string job, int failed, IEnumerable<string> errors, Func<Guid, string> nameOf)
        {
            var kept = errors.Take(failed).Select(e => $"{Customer(e, nameOf)} in '{job}'").ToList();
            _reasons.AddRange(kept);
            _unexplained += failed - kept.Count;
        }

        public void WriteTo(TextWriter error)
        {
            error.WriteLine($"error: {Count} {(Count == 1 ? "failure" : "failures")} in the demo's recalculation jobs:");
            foreach (var reason in _reasons.Take(Shown)) error.WriteLine("  " + reason);
            if (Count > Shown) error.WriteLine($"  and {Count - Shown} more");
            error.WriteLine("hint: run again with --verbose for the details, or fix the customers' rows in the sample.");
        }

        /// <summary>"{name} ({id}): {message}" when the line names a known customer; the line as it is otherwise.</summary>
        private static string Customer(string error, Func<Guid, string> nameOf)
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            var space = error.IndexOf(' ');
            if (colon < 0 || space < 0 || space > colon || !Guid.TryParse(error.Substring(space + 1, colon - space - 1), out var id)) return error;
            var name = nameOf(id);
            return name == null ? error : $"{name} ({id}): {error.Substring(colon + 2)}";
        }
    }
}
