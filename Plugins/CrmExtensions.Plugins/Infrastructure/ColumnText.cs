namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>Text written to a column of limited length: cut to fit, with an ellipsis showing that it was.</summary>
    public static class ColumnText
    {
        public static string Fit(string text, int maxLength) =>
            text == null || text.Length <= maxLength ? text : text.Substring(0, maxLength - 1) + "…";
    }
}
