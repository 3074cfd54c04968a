using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.History
{
    /// <summary>The four scores the history follows, as a customer holds them before or after an evaluation (null: not evaluated).</summary>
    public sealed class ScoreState
    {
        public ScoreState(ValueTier? tier, ChurnRiskBand? churnBand, LifecycleStage? stage, LoyaltyLevel? loyalty)
        {
            Tier = tier;
            ChurnBand = churnBand;
            Stage = stage;
            Loyalty = loyalty;
        }

        public ValueTier? Tier { get; }
        public ChurnRiskBand? ChurnBand { get; }
        public LifecycleStage? Stage { get; }
        public LoyaltyLevel? Loyalty { get; }
    }

    /// <summary>One history row: which of the four scores moved, from what to what, why (the top churn reasons then) and on what trigger.</summary>
    public sealed class ScoreChange
    {
        internal ScoreChange(ScoreState before, ScoreState after, IReadOnlyList<string> moved, IReadOnlyList<string> topReasons, ScoreTrigger trigger)
        {
            Before = before;
            After = after;
            Moved = moved;
            TopReasons = topReasons;
            Trigger = trigger;
        }

        public ScoreState Before { get; }
        public ScoreState After { get; }

        /// <summary>What moved, as a user reads it: "Tier Gold → Platinum", "Churn risk band Low → High".</summary>
        public IReadOnlyList<string> Moved { get; }

        public bool TierChanged => Before.Tier != After.Tier;
        public bool ChurnBandChanged => Before.ChurnBand != After.ChurnBand;
        public bool StageChanged => Before.Stage != After.Stage;
        public bool LoyaltyChanged => Before.Loyalty != After.Loyalty;

        /// <summary>The customer's strongest churn reasons when the change happened, strongest first.</summary>
        public IReadOnlyList<string> TopReasons { get; }

        public ScoreTrigger Trigger { get; }

        public string Summary => string.Join("; ", Moved);

        /// <summary>
        /// What moved without its values ("Changed: tier, churn risk band"), for the row's name: the values are column-secured
        /// like the customer's, the name is not.
        /// </summary>
        public string Title => "Changed: " + string.Join(", ", new[]
        {
            TierChanged ? "tier" : null, ChurnBandChanged ? "churn risk band" : null, StageChanged ? "lifecycle stage" : null, LoyaltyChanged ? "loyalty level" : null,
        }.Where(name => name != null));
    }

    /// <summary>
    /// Decides what the score history records: one row per evaluation that moves the tier, the churn risk band, the
    /// lifecycle stage or the loyalty level, and nothing for an evaluation that moves none of them (a churn risk that
    /// changes within its band, a new current value inside the same tier), so the history grows with changes, not events.
    /// Rows older than the retention period are removed (history.retentionDays).
    /// </summary>
    public static class ScoreHistory
    {
        /// <summary>How the churn warning joins its reasons in cx_churnreasons (strongest first).</summary>
        public const string ReasonSeparator = "; ";

        /// <summary>
        /// The row to record, or null when none of the four moved; the settings are asked for only when they could shorten
        /// its reasons (a plug-in reads them per execution).
        /// </summary>
        public static ScoreChange Between(ScoreState before, ScoreState after, string churnReasons, ScoreTrigger trigger, Func<HistorySettings> settings)
        {
            var moved = new List<string>();
            void Compare<T>(string name, T? from, T? to) where T : struct
            {
                if (!Equals(from, to)) moved.Add($"{name} {Label(from)} → {Label(to)}");
            }
            Compare("Tier", before.Tier, after.Tier);
            Compare("Churn risk band", before.ChurnBand, after.ChurnBand);
            Compare("Lifecycle stage", before.Stage, after.Stage);
            Compare("Loyalty level", before.Loyalty, after.Loyalty);
            if (moved.Count == 0) return null;
            var reasons = (churnReasons ?? "").Split(new[] { ReasonSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
            if (reasons.Count > HistorySettings.MinTopReasons) reasons = reasons.Take(settings().TopReasons).ToList();
            return new ScoreChange(before, after, moved, reasons, trigger);
        }

        /// <summary>Rows created before this moment are past the retention period.</summary>
        public static DateTime KeepFrom(DateTime now, HistorySettings settings) => now.AddDays(-settings.RetentionDays);

        /// <summary>Rows created since this moment are within any retention period the settings allow.</summary>
        public static DateTime KeptWhateverTheSettings(DateTime now) => now.AddDays(-HistorySettings.MinRetentionDays);

        private static string Label<T>(T? value) where T : struct => value.HasValue ? value.Value.ToString() : "none";
    }
}
