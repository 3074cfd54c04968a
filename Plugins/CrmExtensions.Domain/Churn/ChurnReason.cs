using System;

namespace CrmExtensions.Domain.Churn
{
    public enum ChurnReasonCode
    {
        SatisfactionDecline = 2,
        Complaints = 3,

        /// <summary>
        /// Few purchases expected from the customer by the purchase model; its text names what lowered the outlook
        /// (silence beyond the customer's own rhythm, falling purchase value), which the model has already counted.
        /// </summary>
        PurchaseRhythm = 4,

        /// <summary>A platinum or gold account where we know nobody at the decision layer.</summary>
        NoDecisionContact = 6,

        /// <summary>A platinum or gold account where we know nobody in finance, who approves the money.</summary>
        NoFinanceContact = 7,

        /// <summary>No activity with the decision layer for longer than coverage.decisionContactDays.</summary>
        DecisionLayerSilent = 8,

        /// <summary>A competitor recorded as gaining ground at the customer.</summary>
        CompetitorGainingGround = 9,

        /// <summary>An opportunity of the customer lost to a competitor.</summary>
        LostToCompetitor = 10,
    }

    public sealed class ChurnReason
    {
        public ChurnReason(ChurnReasonCode code, int points, string description) : this(code, points / 100.0, description) { }

        public ChurnReason(ChurnReasonCode code, double risk, string description)
        {
            Code = code;
            Risk = Math.Max(0, Math.Min(1, risk));
            Description = description;
        }

        public ChurnReasonCode Code { get; }

        /// <summary>
        /// This reason's weight, 0–1: for the purchase outlook the model's chance of no purchase within the horizon, for
        /// any other reason what it adds to a customer the purchases leave undecided (see <see cref="ChurnRisk"/>).
        /// </summary>
        public double Risk { get; }

        /// <summary>The weight in points as the settings give it, 0–100.</summary>
        public int Points => (int)Math.Round(Risk * 100, MidpointRounding.AwayFromZero);

        /// <summary>What a user reads on the form, e.g. "2 open complaints, 1 more in the last 90 days".</summary>
        public string Description { get; }
    }
}
