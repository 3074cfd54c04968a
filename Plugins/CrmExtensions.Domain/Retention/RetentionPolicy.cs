using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Retention
{
    /// <summary>Kinds of retention work. Stored in the cx_retentionaction choice, as the option of the same name.</summary>
    public enum RetentionActionKind
    {
        FollowUpCall = 1,
        Visit = 2,
        SatisfactionSurvey = 3,
        LoyaltyOffer = 4,
        WinBack = 5,
        PlannedExit = 6,
    }

    public enum ActivityChannel
    {
        PhoneCall,
        Task,
    }

    public sealed class RetentionAction
    {
        public RetentionAction(string key, RetentionActionKind kind, DateTime dueOn, int? everyDays, string subject)
        {
            Key = key;
            Kind = kind;
            DueOn = dueOn;
            EveryDays = everyDays;
            Subject = subject;
        }

        /// <summary>Deterministic per customer and kind, stored on the activity so re-evaluation updates instead of duplicating.</summary>
        public string Key { get; }

        public RetentionActionKind Kind { get; }
        public DateTime DueOn { get; }

        /// <summary>Null for one-off actions (win-back, planned exit).</summary>
        public int? EveryDays { get; }

        public string Subject { get; }

        public ActivityChannel Channel =>
            Kind == RetentionActionKind.FollowUpCall || Kind == RetentionActionKind.WinBack || Kind == RetentionActionKind.PlannedExit ? ActivityChannel.PhoneCall : ActivityChannel.Task;
    }

    /// <summary>
    /// The retention work due for a customer: the tier's recurring cadence (strengthen platinum, keep gold high,
    /// rebuild iron), a win-back call when churn risk is high, and a planned exit for lead customers in decline.
    /// Due dates follow the last completed action of the same kind, so re-evaluating never moves work earlier.
    /// </summary>
    public sealed class RetentionPolicy
    {
        private readonly RetentionSettings _settings;

        public RetentionPolicy(RetentionSettings settings) { _settings = settings; }

        public static string KeyFor(Guid customerId, RetentionActionKind kind) => $"cx-retention:{customerId:N}:{kind}";

        public IReadOnlyList<RetentionAction> DueActions(Guid customerId, ValueTier tier, LifecycleStage stage, ChurnRiskBand risk, DateTime asOf,
            IReadOnlyDictionary<RetentionActionKind, DateTime> lastCompleted = null)
        {
            if (customerId == Guid.Empty) throw new DomainValidationException("Customer id is required for retention actions.");
            lastCompleted = lastCompleted ?? new Dictionary<RetentionActionKind, DateTime>();
            var today = asOf.Date;
            var actions = new List<RetentionAction>();

            if (tier == ValueTier.Lead)
            {
                // No investment: wind the relationship down, with one planned-exit conversation once it is declining.
                if (stage == LifecycleStage.Decline)
                    actions.Add(new RetentionAction(KeyFor(customerId, RetentionActionKind.PlannedExit), RetentionActionKind.PlannedExit,
                        today.AddDays(_settings.PlannedExitDueDays), null, "Planned exit: agree how to wind down the relationship"));
                return actions;
            }

            foreach (var rule in _settings.Cadences[tier])
            {
                var due = lastCompleted.TryGetValue(rule.Kind, out var done) ? done.Date.AddDays(rule.EveryDays) : today;
                actions.Add(new RetentionAction(KeyFor(customerId, rule.Kind), rule.Kind, due, rule.EveryDays, Subject(rule.Kind, tier)));
            }
            if (risk == ChurnRiskBand.High)
                actions.Add(new RetentionAction(KeyFor(customerId, RetentionActionKind.WinBack), RetentionActionKind.WinBack,
                    today.AddDays(_settings.WinBackDueDays), null, $"Win-back call: {tier} customer at high churn risk"));
            return actions.OrderBy(a => a.DueOn).ThenBy(a => a.Kind).ToList();
        }

        /// <summary>
        /// Who new retention work goes to: a platinum customer's to the key-account team when one is configured (it is
        /// strengthened at any cost); null means the customer's owner.
        /// </summary>
        public Guid? KeyAccountTeamFor(ValueTier tier) =>
            tier == ValueTier.Platinum && Guid.TryParse(_settings.KeyAccountTeamId, out var team) ? team : (Guid?)null;

        /// <summary>What a new activity tells its owner about why it exists.</summary>
        public static string Describe(RetentionAction action, ValueTier tier, RetentionStrategy strategy) =>
            $"Scheduled by CrmExtensions for a {tier} customer ({strategy}); " + (action.EveryDays.HasValue ? $"repeats every {action.EveryDays} days." : "one-off.");

        /// <summary>Why a plan holds what it holds; it becomes the reason written on the activities the next plan gives up.</summary>
        public static string Context(ValueTier tier, LifecycleStage stage, ChurnRiskBand risk) => $"a {tier} customer in {stage} (churn risk {risk})";

        /// <summary>How far back a completion can still decide a due date: the longest cadence (a year when none is set).</summary>
        public int CompletionLookbackDays => _settings.Cadences.Values.SelectMany(c => c).Select(c => c.EveryDays).DefaultIfEmpty(365).Max();

        private static string Subject(RetentionActionKind kind, ValueTier tier)
        {
            switch (kind)
            {
                case RetentionActionKind.FollowUpCall: return $"Follow-up call ({tier} customer)";
                case RetentionActionKind.Visit: return $"Account visit ({tier} customer)";
                case RetentionActionKind.SatisfactionSurvey: return $"Satisfaction survey ({tier} customer)";
                case RetentionActionKind.LoyaltyOffer: return $"Loyalty offer ({tier} customer)";
                default: return $"{kind} ({tier} customer)";
            }
        }
    }
}
