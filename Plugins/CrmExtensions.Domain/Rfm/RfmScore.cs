using System;

namespace CrmExtensions.Domain.Rfm
{
    /// <summary>Recency, frequency and monetary scores, each 1 (worst) to 5 (best), and the segment they place the customer in.</summary>
    public struct RfmScore : IEquatable<RfmScore>
    {
        public RfmScore(int recency, int frequency, int monetary)
        {
            if (recency < 1 || recency > 5 || frequency < 1 || frequency > 5 || monetary < 1 || monetary > 5)
                throw new DomainValidationException($"RFM scores must be 1-5, got R{recency} F{frequency} M{monetary}.");
            Recency = recency;
            Frequency = frequency;
            Monetary = monetary;
        }

        public int Recency { get; }
        public int Frequency { get; }
        public int Monetary { get; }

        /// <summary>The customary three-digit code, e.g. "545".</summary>
        public string Code => $"{Recency}{Frequency}{Monetary}";

        public RfmSegment Segment
        {
            get
            {
                if (Recency >= 4 && Frequency >= 4 && Monetary >= 4) return RfmSegment.Champions;
                if (Recency >= 3 && Frequency >= 4) return RfmSegment.Loyal;
                if (Recency <= 2 && Frequency >= 3) return RfmSegment.AtRisk;
                if (Recency <= 2) return RfmSegment.Hibernating;
                if (Frequency == 1) return RfmSegment.NewCustomers;
                return RfmSegment.Promising;
            }
        }

        public bool Equals(RfmScore other) => Recency == other.Recency && Frequency == other.Frequency && Monetary == other.Monetary;
        public override bool Equals(object obj) => obj is RfmScore other && Equals(other);
        public override int GetHashCode() => Recency * 100 + Frequency * 10 + Monetary;
        public override string ToString() => $"R{Recency} F{Frequency} M{Monetary} ({Segment})";
    }

    /// <summary>Named RFM segments. Stored in the cx_rfmsegment choice, as the option of the same name.</summary>
    public enum RfmSegment
    {
        Champions = 1,
        Loyal = 2,
        Promising = 3,
        NewCustomers = 4,
        AtRisk = 5,
        Hibernating = 6,
    }
}
