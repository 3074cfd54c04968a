namespace CrmExtensions.Domain.Configuration
{
    /// <summary>The score history's settings (the history section): how long rows are kept and how many reasons each carries.</summary>
    public sealed class HistorySettings
    {
        /// <summary>The shortest retention the settings accept: a row younger than this is kept whatever they say.</summary>
        public const int MinRetentionDays = 30;

        /// <summary>The fewest reasons the settings keep: a change with no more than this keeps them all whatever they say.</summary>
        public const int MinTopReasons = 1;

        /// <summary>Days a history row is kept; older rows are removed when the customer's next change is recorded.</summary>
        public int RetentionDays { get; set; }

        /// <summary>Churn reasons kept with each row, strongest first.</summary>
        public int TopReasons { get; set; }
    }
}
