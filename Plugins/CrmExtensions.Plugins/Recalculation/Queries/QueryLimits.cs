namespace CrmExtensions.Plugins.Recalculation.Queries
{
    /// <summary>What one query may ask of the platform, in one place.</summary>
    public static class QueryLimits
    {
        /// <summary>
        /// Values one condition may carry. Microsoft's docs give no number, only the error TooManyConditionParametersInQuery
        /// (0x8004430E); issue 23 fixes 2,000, so every "in" list the product sends is cut to at most this many ids.
        /// </summary>
        public const int InValues = 2000;

        /// <summary>The platform's largest (and default) page.</summary>
        public const int PageSize = 5000;

        /// <summary>Rows one aggregate may cover; past it the platform refuses with AggregateQueryRecordLimitExceeded.</summary>
        public const int AggregateRows = 50000;
    }
}
