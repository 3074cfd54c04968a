using System;

namespace CrmExtensions.Domain.Value
{
    /// <summary>A hand edit of a customer's tier and override columns: which of them changed, and their values after the edit.</summary>
    public sealed class TierOverrideEdit
    {
        public bool TierChanged { get; set; }
        public bool ReasonChanged { get; set; }
        public bool UntilChanged { get; set; }

        /// <summary>The tier after the edit (null: none).</summary>
        public ValueTier? Tier { get; set; }

        /// <summary>Whether 'Tier override' is ticked after the edit.</summary>
        public bool Override { get; set; }

        public string Reason { get; set; }
        public DateTime? Until { get; set; }
    }

    /// <summary>What the audit row of an accepted override (or its removal) says.</summary>
    public sealed class TierOverrideRecord
    {
        public TierOverrideRecord(string title, string reason) { Title = title; Reason = reason; }

        public string Title { get; }
        public string Reason { get; }
    }

    /// <summary>
    /// A tier changes only by recalculation or by an authorised override with a reason: the rules an edit must pass
    /// (whoever may make it is the platform's privilege check), how long an override holds, and how it is recorded.
    /// </summary>
    public static class TierOverridePolicy
    {
        public const int MinReasonLength = 10;

        /// <summary>The reason column's length (cx_tieroverridereason, MaxLength in Solution/src).</summary>
        public const int MaxReasonLength = 2000;

        /// <summary>Which override columns a user may edit at all: none on a new customer, never who made the override.</summary>
        public static void CheckEditable(bool isCreate, bool overrideByChanged)
        {
            if (isCreate)
                throw new DomainValidationException("A new customer gets its tier from its first recalculation; set a tier override after the record is created.");
            if (overrideByChanged)
                throw new DomainValidationException("'Tier override by' is set by the system and cannot be edited.");
        }

        /// <summary>A tier set by hand needs the override ticked, a reason of a sensible length and an end date (if any) in the future.</summary>
        public static void Check(TierOverrideEdit edit, DateTime now)
        {
            if (edit.TierChanged && !edit.Override)
                throw new DomainValidationException("The customer tier is maintained by recalculation. To set it by hand, tick 'Tier override' and give a reason (authorised managers only).");
            if (edit.Override)
            {
                if (edit.Tier == null) throw new DomainValidationException("A tier override needs a tier: choose the tier to hold.");
                var reason = edit.Reason;
                if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinReasonLength)
                    throw new DomainValidationException($"A tier override needs a reason of at least {MinReasonLength} characters.");
                if (reason.Length > MaxReasonLength)
                    throw new DomainValidationException($"The override reason is {reason.Length} characters long; at most {MaxReasonLength} are allowed.");
                if (edit.Until.HasValue && edit.Until.Value <= now)
                    throw new DomainValidationException($"'Tier override until' ({edit.Until.Value:yyyy-MM-dd}) must be in the future.");
            }
            else if (edit.ReasonChanged && !string.IsNullOrEmpty(edit.Reason) || edit.UntilChanged && edit.Until.HasValue)
            {
                throw new DomainValidationException("An override reason or end date only applies with 'Tier override' ticked.");
            }
        }

        /// <summary>An override holds until its end date (inclusive); without one, until it is removed.</summary>
        public static bool Holds(bool overridden, DateTime? until, DateTime asOf) => overridden && (!until.HasValue || until.Value >= asOf);

        public static TierOverrideRecord RecordOf(TierOverrideEdit edit) =>
            edit.Override
                ? new TierOverrideRecord(OverrideTitle, edit.Reason.Trim())
                : new TierOverrideRecord(RemovalTitle, "Override removed");

        /// <summary>The audit row's names: the tiers and the reason are column-secured like the customer's, the name is not.</summary>
        public const string OverrideTitle = "Tier override", RemovalTitle = "Tier override removed";
    }
}
