using System.Collections.Generic;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// The reasons of a churn warning, which the rules join with "; ". A reason's own details in parentheses use "; "
    /// too ("recorded 2026-06-29; 3 products"), so the split happens only outside parentheses and each reason stays whole.
    /// </summary>
    public static class ReasonList
    {
        public static List<string> Split(string reasons)
        {
            var parts = new List<string>();
            if (string.IsNullOrEmpty(reasons)) return parts;
            var depth = 0;
            var start = 0;
            for (var i = 0; i < reasons.Length; i++)
            {
                if (reasons[i] == '(') depth++;
                else if (reasons[i] == ')') depth--;
                else if (depth == 0 && string.CompareOrdinal(reasons, i, "; ", 0, 2) == 0)
                {
                    parts.Add(reasons.Substring(start, i - start));
                    start = i + 2;
                }
            }
            parts.Add(reasons.Substring(start));
            return parts;
        }
    }
}
