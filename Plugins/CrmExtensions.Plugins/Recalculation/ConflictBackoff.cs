using System;
using System.Threading;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// The pause before an evaluation that lost a RowVersion race reads its customer again: random, up to a bound that
    /// doubles with each lost try (2, 4, … 64 ms), so parallel evaluations of one customer stop meeting at the same moment
    /// and each gets its turn instead of all re-reading the winner's row together and racing again.
    /// </summary>
    public static class ConflictBackoff
    {
        public const int MaxPauseMilliseconds = 64;

        public static void Pause(int lostTries)
        {
            // Seeded per call: the default seed is the clock, which parallel executions would share.
            var random = new Random(Guid.NewGuid().GetHashCode());
            Thread.Sleep(random.Next(Math.Min(MaxPauseMilliseconds, 1 << Math.Min(lostTries, 6)) + 1));
        }
    }
}
