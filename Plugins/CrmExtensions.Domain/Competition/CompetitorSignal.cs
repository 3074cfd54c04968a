using System;

namespace CrmExtensions.Domain.Competition
{
    /// <summary>Where a competitor stands at the customer. Stored in the cx_competitortrend choice, as the option of the same name.</summary>
    public enum CompetitorTrend
    {
        LosingGround = 1,
        Holding = 2,
        GainingGround = 3,
    }

    /// <summary>How strong the competitor's relationship with the customer is. Stored in the cx_competitorrelationship choice.</summary>
    public enum CompetitorRelationship
    {
        Weak = 1,
        Moderate = 2,
        Strong = 3,
    }

    public enum CompetitorSignalKind
    {
        /// <summary>A competitor presence a user recorded on the account.</summary>
        Recorded = 1,

        /// <summary>An opportunity the customer closed as lost, naming the competitor that won it.</summary>
        LostOpportunity = 2,
    }

    /// <summary>What we know about one competitor at one customer, from a recorded presence or a lost opportunity.</summary>
    public sealed class CompetitorSignal
    {
        public const int SatisfactionScaleMax = 5;

        public CompetitorSignal(Guid id, string competitor, CompetitorSignalKind kind, DateTime on, CompetitorTrend? trend = null,
            int? satisfaction = null, CompetitorRelationship? relationship = null, string representative = null, string products = null)
        {
            if (satisfaction.HasValue && (satisfaction < 1 || satisfaction > SatisfactionScaleMax))
                throw new DomainValidationException($"Satisfaction with a competitor's products is 1–{SatisfactionScaleMax} (got {satisfaction} on {id}).");
            Id = id;
            Competitor = string.IsNullOrWhiteSpace(competitor) ? "a competitor" : competitor.Trim();
            Kind = kind;
            On = on;
            Trend = trend;
            Satisfaction = satisfaction;
            Relationship = relationship;
            Representative = string.IsNullOrWhiteSpace(representative) ? null : representative.Trim();
            Products = string.IsNullOrWhiteSpace(products) ? null : products.Trim();
        }

        public Guid Id { get; }
        public string Competitor { get; }
        public CompetitorSignalKind Kind { get; }

        /// <summary>When it was recorded, or when the opportunity was lost.</summary>
        public DateTime On { get; }

        public CompetitorTrend? Trend { get; }

        /// <summary>The customer's satisfaction with the competitor's products, 1–5.</summary>
        public int? Satisfaction { get; }

        public CompetitorRelationship? Relationship { get; }
        public string Representative { get; }

        /// <summary>The competitor's products the customer uses.</summary>
        public string Products { get; }
    }
}
