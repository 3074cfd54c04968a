using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Relationship;
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

        /// <summary>Meet the decision maker: a watched account's decision layer or finance is not covered, or silent.</summary>
        MeetDecisionMaker = 7,
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

    /// <summary>What besides tier, stage and risk shapes a customer's retention work.</summary>
    public sealed class RetentionCircumstances
    {
        public static readonly RetentionCircumstances None = new RetentionCircumstances();

        public RelationshipType? RelationshipType { get; set; }

        /// <summary>What the coverage rules found missing at the account; null without a gap.</summary>
        public string CoverageGap { get; set; }

        /// <summary>The loss the customer is in; null when it is not lost.</summary>
        public CustomerLossRecord OpenLoss { get; set; }
    }

    /// <summary>
    /// The retention work due for a customer: the tier's recurring cadence (strengthen platinum, keep gold high,
    /// rebuild iron) without the relationship-building kinds for one-time and transactional customers, a "meet the decision
    /// maker" task while a watched account's coverage has a gap, a win-back call when churn risk is high, and a planned
    /// exit for lead customers in decline. A lost customer gets no recurring work: a win-back call unless it left for its
    /// own circumstances or the win-back was given up. Due dates follow the last completed action of the same kind, so
    /// re-evaluating never moves work earlier.
    /// </summary>
    public sealed class RetentionPolicy
    {
        private readonly RetentionSettings _settings;
        private readonly CoverageSettings _coverage;

        public RetentionPolicy(RetentionSettings settings, CoverageSettings coverage)
        {
            _settings = settings;
            _coverage = coverage;
        }

        public static string KeyFor(Guid customerId, RetentionActionKind kind) => $"cx-retention:{customerId:N}:{kind}";

        public IReadOnlyList<RetentionAction> DueActions(Guid customerId, ValueTier tier, LifecycleStage stage, ChurnRiskBand risk, DateTime asOf,
            IReadOnlyDictionary<RetentionActionKind, DateTime> lastCompleted = null, RetentionCircumstances circumstances = null)
        {
            if (customerId == Guid.Empty) throw new DomainValidationException("Customer id is required for retention actions.");
            lastCompleted = lastCompleted ?? new Dictionary<RetentionActionKind, DateTime>();
            circumstances = circumstances ?? RetentionCircumstances.None;
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

            var loss = circumstances.OpenLoss;
            if (loss != null)
            {
                var givenUp = loss.Outcome == WinBackOutcome.Failed || loss.Outcome == WinBackOutcome.NotPursued;
                if (loss.Family != LossCauseFamily.CustomerSide && !givenUp)
                    actions.Add(new RetentionAction(KeyFor(customerId, RetentionActionKind.WinBack), RetentionActionKind.WinBack,
                        today.AddDays(_settings.WinBackDueDays), null, $"Win-back call: {tier} customer lost on {Day(loss.LostOn)} ({LossSubject(loss)})"));
                return actions;
            }

            var transactional = circumstances.RelationshipType == RelationshipType.OneTime || circumstances.RelationshipType == RelationshipType.Transactional;
            foreach (var rule in _settings.Cadences[tier].Where(r => !(transactional && _settings.RelationshipBuilding.Contains(r.Kind))))
                actions.Add(new RetentionAction(KeyFor(customerId, rule.Kind), rule.Kind, Due(rule.Kind, rule.EveryDays, today, lastCompleted), rule.EveryDays, Subject(rule.Kind, tier)));
            if (circumstances.CoverageGap != null)
            {
                // Met again after as long as the decision layer may stay silent; the first meeting soon.
                var kind = RetentionActionKind.MeetDecisionMaker;
                var due = lastCompleted.TryGetValue(kind, out var met) ? met.Date.AddDays(_coverage.DecisionContactDays) : today.AddDays(_settings.MeetDecisionMakerDueDays);
                actions.Add(new RetentionAction(KeyFor(customerId, kind), kind, due, _coverage.DecisionContactDays, $"Meet the decision maker: {circumstances.CoverageGap}"));
            }
            if (risk == ChurnRiskBand.High)
                actions.Add(new RetentionAction(KeyFor(customerId, RetentionActionKind.WinBack), RetentionActionKind.WinBack,
                    today.AddDays(_settings.WinBackDueDays), null, $"Win-back call: {tier} customer at high churn risk"));
            return actions.OrderBy(a => a.DueOn).ThenBy(a => a.Kind).ToList();
        }

        private static DateTime Due(RetentionActionKind kind, int everyDays, DateTime today, IReadOnlyDictionary<RetentionActionKind, DateTime> lastCompleted) =>
            lastCompleted.TryGetValue(kind, out var done) ? done.Date.AddDays(everyDays) : today;

        private static string LossSubject(CustomerLossRecord loss) =>
            loss.Cause.HasValue ? $"cause: {loss.Cause.Value}" : loss.Family.HasValue ? $"{loss.Family.Value} cause suspected; record the cause" : "record why it left";

        private static string Day(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>Large relationship customers are key accounts: R customers of the key-account tiers.</summary>
        public bool IsKeyAccount(ValueTier tier, RelationshipType? type) => type == RelationshipType.Relationship && _settings.KeyAccountTiers.Contains(tier);

        /// <summary>Who new retention work goes to: a key account's to the key-account team when one is configured; null means the customer's owner.</summary>
        public Guid? KeyAccountTeamFor(bool keyAccount) => keyAccount && Guid.TryParse(_settings.KeyAccountTeamId, out var team) ? team : (Guid?)null;

        /// <summary>What a new activity tells its owner about why it exists.</summary>
        public static string Describe(RetentionAction action, ValueTier tier, RetentionStrategy strategy) =>
            $"Scheduled by CrmExtensions for a {tier} customer ({strategy}); " + (action.EveryDays.HasValue ? $"repeats every {action.EveryDays} days." : "one-off.");

        /// <summary>Why a plan holds what it holds; it becomes the reason written on the activities the next plan gives up.</summary>
        public static string Context(ValueTier tier, LifecycleStage stage, ChurnRiskBand risk) => $"a {tier} customer in {stage} (churn risk {risk})";

        /// <summary>How far back a completion can still decide a due date: the longest cycle (a year when none is set).</summary>
        public int CompletionLookbackDays =>
            _settings.Cadences.Values.SelectMany(c => c).Select(c => c.EveryDays).Concat(new[] { _coverage.DecisionContactDays }).DefaultIfEmpty(365).Max();

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
