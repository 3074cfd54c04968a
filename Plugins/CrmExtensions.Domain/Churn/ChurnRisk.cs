using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Churn
{
    /// <summary>Risk bands. Stored in the cx_churnriskband choice, as the option of the same name.</summary>
    public enum ChurnRiskBand
    {
        Low = 1,
        Medium = 2,
        High = 3,
    }

    /// <summary>
    /// The churn risk. Its base is the purchase model's outlook, the chance of no purchase within the horizon at the
    /// purchases the model expects; silence, rhythm and falling purchase value are inside that expectation already, so
    /// they explain the outlook and add nothing to it. Signals the model cannot see (satisfaction, complaints, who we
    /// know, competitors) are evidence on top: each multiplies the odds of churn by (1 + w) / (1 − w) for its weight w,
    /// Bayes' rule on the log-odds. That adds w/2 where the purchases leave a customer undecided (½), exactly what the
    /// former sum of independent risks added there, and less where the purchases speak clearly. Without a purchase
    /// there is no outlook to weigh against and the signals combine as independent risks, 1 − Π(1 − w).
    /// </summary>
    public sealed class ChurnRisk
    {
        public ChurnRisk(double? purchaseOutlook, IReadOnlyList<ChurnReason> reasons, ChurnSettings settings, double? expectedPurchases = null)
        {
            if (purchaseOutlook < 0 || purchaseOutlook > 1) throw new DomainValidationException($"The purchase outlook is a probability (got {purchaseOutlook}).");
            PurchaseOutlook = purchaseOutlook;
            ExpectedPurchases = expectedPurchases;
            Probability = Combine(purchaseOutlook, reasons);
            Score = (int)Math.Round(100 * Probability, MidpointRounding.AwayFromZero);
            Band = Score >= settings.HighRiskFrom ? ChurnRiskBand.High : Score >= settings.MediumRiskFrom ? ChurnRiskBand.Medium : ChurnRiskBand.Low;
            // The outlook first (the base of the score), then the other signals, strongest first.
            Reasons = reasons.OrderBy(r => r.Code == ChurnReasonCode.PurchaseRhythm ? 0 : 1).ThenByDescending(r => r.Points).ThenBy(r => r.Code).ToList();
        }

        /// <summary>0 (no sign) to 100: the probability in points.</summary>
        public int Score { get; }

        /// <summary>The purchase model's chance of no purchase within the churn horizon; null without a purchase.</summary>
        public double? PurchaseOutlook { get; }

        /// <summary>Purchases the purchase model expects within the churn horizon; null without a purchase.</summary>
        public double? ExpectedPurchases { get; }

        /// <summary>The same risk unrounded (0–1), for ranking customers.</summary>
        public double Probability { get; }

        public ChurnRiskBand Band { get; }

        /// <summary>The purchase outlook first, then the other signals, strongest first.</summary>
        public IReadOnlyList<ChurnReason> Reasons { get; }

        public string ReasonsText => string.Join("; ", Reasons.Select(r => r.Description));

        /// <summary>
        /// The share of the model's chance of a purchase within the horizon that the other signals leave (1 without any):
        /// what the value rules multiply the model's expectation by, so value and churn weigh the same evidence alike.
        /// </summary>
        public double StayingDespiteOtherSigns
        {
            get
            {
                if (!PurchaseOutlook.HasValue) return 1 - Probability;
                return PurchaseOutlook.Value >= 1 ? 1 : (1 - Probability) / (1 - PurchaseOutlook.Value);
            }
        }

        private static double Combine(double? outlook, IEnumerable<ChurnReason> reasons)
        {
            var signals = reasons.Where(r => r.Code != ChurnReasonCode.PurchaseRhythm).Select(r => r.Risk).ToList();
            if (!outlook.HasValue) return 1 - signals.Aggregate(1.0, (staying, w) => staying * (1 - w));
            var p = outlook.Value;
            if (p <= 0 || p >= 1 || signals.Count == 0) return p;
            if (signals.Any(w => w >= 1)) return 1;
            var odds = signals.Aggregate(p / (1 - p), (o, w) => o * (1 + w) / (1 - w));
            return odds / (1 + odds);
        }
    }
}
