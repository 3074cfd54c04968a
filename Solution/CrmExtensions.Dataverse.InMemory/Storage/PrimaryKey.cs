using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>The primary key column of a table: "&lt;table&gt;id", except activity tables, which share "activityid".</summary>
    public static class PrimaryKey
    {
        private static readonly HashSet<string> ActivityTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "activitypointer", "task", "phonecall", "email", "appointment", "letter", "fax", "serviceappointment", "campaignactivity", "recurringappointmentmaster",
        };

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Known =
            new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A table whose rows are activities (not activitypointer itself, which is their shared view).</summary>
        public static bool IsActivity(string table) => ActivityTables.Contains(table) && !string.Equals(table, "activitypointer", StringComparison.OrdinalIgnoreCase);

        public static string For(string table) => Known.GetOrAdd(table, t => ActivityTables.Contains(t) ? "activityid" : t + "id");
    }
}
