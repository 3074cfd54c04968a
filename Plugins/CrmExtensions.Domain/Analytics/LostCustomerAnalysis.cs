using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Analytics
{
    /// <summary>One recorded loss with where the customer stood when it was lost.</summary>
    public sealed class LostCustomer
    {
        public LostCustomer(CustomerLossRecord loss, LifecycleStage? stageAtLoss, LifecyclePattern? patternAtLoss)
        {
            Loss = loss ?? throw new DomainValidationException("A lost customer needs its loss record.");
            StageAtLoss = stageAtLoss;
            PatternAtLoss = patternAtLoss;
        }

        public CustomerLossRecord Loss { get; }
        public ValueTier? TierAtLoss => Loss.TierAtLoss;
        public LifecycleStage? StageAtLoss { get; }
        public LifecyclePattern? PatternAtLoss { get; }

        /// <summary>How far the relationship had got: the ending pattern of a declining one, else the stage it was closed in.</summary>
        public string EndedIn => PatternAtLoss?.ToString() ?? StageAtLoss?.ToString() ?? "Unknown";
    }

    /// <summary>Losses of one group (a tier, or how far the relationship had got), by cause family.</summary>
    public sealed class LossBreakdown
    {
        public LossBreakdown(string group, IReadOnlyCollection<LostCustomer> losses)
        {
            Group = group;
            Lost = losses.Count;
            Recovered = losses.Count(l => !l.Loss.IsOpen);
            ByFamily = Enum.GetValues(typeof(LossCauseFamily)).Cast<LossCauseFamily>().ToDictionary(f => f, f => losses.Count(l => l.Loss.Family == f));
            NotRecorded = losses.Count(l => !l.Loss.Family.HasValue);
        }

        public string Group { get; }
        public int Lost { get; }
        public int Recovered { get; }
        public IReadOnlyDictionary<LossCauseFamily, int> ByFamily { get; }

        /// <summary>Losses whose cause nobody has recorded yet.</summary>
        public int NotRecorded { get; }
    }

    /// <summary>
    /// Why customers were lost and how many came back: causes by tier and by how far the relationship had got, the
    /// recovered share (lost customers who bought again over all lost customers) and the days from loss to recovery.
    /// </summary>
    public sealed class LostCustomerAnalysis
    {
        private LostCustomerAnalysis(IReadOnlyList<LostCustomer> losses)
        {
            Lost = losses.Count;
            Recovered = losses.Count(l => !l.Loss.IsOpen);
            ByTier = losses.GroupBy(l => l.TierAtLoss?.ToString() ?? "Unknown").OrderBy(g => TierOrder(g.Key))
                .Select(g => new LossBreakdown(g.Key, g.ToList())).ToList();
            ByEnding = losses.GroupBy(l => l.EndedIn).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new LossBreakdown(g.Key, g.ToList())).ToList();
            var days = losses.Where(l => l.Loss.RecoveredOn.HasValue).Select(l => (l.Loss.RecoveredOn.Value - l.Loss.LostOn).TotalDays).OrderBy(d => d).ToList();
            MedianDaysToRecovery = days.Count == 0 ? (double?)null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
            MeanDaysToRecovery = days.Count == 0 ? (double?)null : days.Average();
        }

        public static LostCustomerAnalysis Of(IEnumerable<LostCustomer> losses) =>
            new LostCustomerAnalysis((losses ?? Enumerable.Empty<LostCustomer>()).Where(l => l != null).ToList());

        public int Lost { get; }
        public int Recovered { get; }

        /// <summary>Recovered / lost; null without losses.</summary>
        public double? RecoveredShare => Lost == 0 ? (double?)null : (double)Recovered / Lost;

        public IReadOnlyList<LossBreakdown> ByTier { get; }
        public IReadOnlyList<LossBreakdown> ByEnding { get; }
        public double? MedianDaysToRecovery { get; }
        public double? MeanDaysToRecovery { get; }

        private static int TierOrder(string tier) => Enum.TryParse<ValueTier>(tier, out var t) ? (int)t : int.MaxValue;
    }
}
