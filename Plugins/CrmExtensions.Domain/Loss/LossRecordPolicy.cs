using System;
using System.Globalization;

namespace CrmExtensions.Domain.Loss
{
    /// <summary>A customer loss record as a user or the rules write it (the values the write leaves on the record).</summary>
    public sealed class LossRecordChange
    {
        public bool IsCreate { get; set; }

        /// <summary>False when the rules write it (a detected loss, a recovery).</summary>
        public bool ByUser { get; set; }

        public LossCauseFamily? Family { get; set; }
        public LossCause? Cause { get; set; }
        public DateTime? LostOn { get; set; }
        public WinBackOutcome? Outcome { get; set; }

        /// <summary>The write sets the win-back outcome or the recovery date.</summary>
        public bool SetsOutcome { get; set; }
        public bool SetsRecoveredOn { get; set; }
    }

    /// <summary>
    /// What a loss record may say: a detail cause decides its family (a family that contradicts it is refused), a user who
    /// closes a customer names at least the family, a loss is not dated in the future, and "won back" with its date is
    /// only ever recorded by the rules when the customer buys again, so the win-back rate means lost customers who bought.
    /// </summary>
    public static class LossRecordPolicy
    {
        /// <summary>The family to store; throws with a message a user can act on.</summary>
        public static LossCauseFamily? Validate(LossRecordChange change, DateTime now)
        {
            if (change == null) throw new DomainValidationException("A loss record change is required.");
            var family = change.Family;
            if (change.Cause.HasValue)
            {
                var ofCause = LossCauses.FamilyOf(change.Cause.Value);
                if (family.HasValue && family.Value != ofCause)
                    throw new DomainValidationException($"The cause '{change.Cause.Value}' belongs to the {ofCause} family, not {family.Value}: choose a cause of that family or change the family.");
                family = ofCause;
            }
            if (change.ByUser && change.IsCreate && !family.HasValue)
                throw new DomainValidationException("Closing a customer as lost needs its cause: choose the cause (or at least whose side it was on: our side, competitor, customer side).");
            if (change.LostOn.HasValue && change.LostOn.Value.Date > now.Date)
                throw new DomainValidationException($"A customer cannot be lost in the future ({change.LostOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
            if (change.ByUser && (change.SetsRecoveredOn || (change.SetsOutcome && change.Outcome == WinBackOutcome.WonBack)))
                throw new DomainValidationException(
                    "'Won back' is recorded by CrmExtensions when the customer buys again after the loss; record an attempt as 'Attempting', 'Failed' or 'Not pursued'.");
            return family;
        }
    }
}
