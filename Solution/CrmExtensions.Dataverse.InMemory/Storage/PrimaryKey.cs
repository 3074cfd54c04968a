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

        public static string For(string table) => Known.GetOrAdd(table, t => ActivityTables.Contains(t) ? "activityid" : t + "id");
    }
}
