using System;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Retention work is due on a day; an activity's scheduledend is a moment in UTC that each user sees in their own
    /// time zone. Midnight UTC would show work due today as overdue from the start, and as due yesterday to every user
    /// west of UTC; noon UTC is the same calendar day from UTC−12 to UTC+11.
    /// </summary>
    public static class DueDay
    {
        public static DateTime ToScheduledEnd(DateTime day) => DateTime.SpecifyKind(day.Date.AddHours(12), DateTimeKind.Utc);

        /// <summary>
        /// The UTC day of a scheduledend: ours read back as the day planned. A time a user sets far from UTC can fall on the
        /// UTC day before or after their own, and the plan then moves the activity to the day it planned.
        /// </summary>
        public static DateTime? Of(DateTime? scheduledEnd) => scheduledEnd?.Date;
    }
}
