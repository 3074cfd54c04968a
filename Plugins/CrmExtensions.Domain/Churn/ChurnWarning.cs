using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Churn
{
    public enum ChurnReasonCode
    {
        ActivityDecline = 1,
        SatisfactionDecline = 2,
        Complaints = 3,
        LongRecency = 4,
    }

    /// <summary>Risk bands. Stored in the cx_churnriskband choice, as the option of the same name.</summary>
    public enum ChurnRiskBand
    {
        Low = 1,
        Medium = 2,
        High = 3,
    }

    public sealed class ChurnReason
    {
        public ChurnReason(ChurnReasonCode code, int points, string description)
        {
            Code = code;
            Points = points;
            Description = description;
        }

        public ChurnReasonCode Code { get; }
        public int Points { get; }

        /// <summary>What a user reads on the form, e.g. "Order value fell 45% below the customer's own baseline".</summary>
        public string Description { get; }
    }

    public sealed class ChurnRisk
    {
        public ChurnRisk(int score, ChurnRiskBand band, IReadOnlyList<ChurnReason> reasons)
        {
            Score = score;
            Band = band;
            Reasons = reasons;
        }

        /// <summary>0 (no sign) to 100 (every warning at full weight).</summary>
        public int Score { get; }

        public ChurnRiskBand Band { get; }

        /// <summary>Strongest first.</summary>
        public IReadOnlyList<ChurnReason> Reasons { get; }

        public string ReasonsText => string.Join("; ", Reasons.Select(r => r.Description));
    }

    /// <summary>
    /// Early churn warning: falling activity against the customer's own baseline, falling satisfaction, complaints
    /// and a long silence each add points; the score and the named reasons are kept together so users see why.
    /// </summary>
    public sealed class ChurnWarning
    {
        private readonly CrmExtensionsSettings _settings;

        public ChurnWarning(CrmExtensionsSettings settings) { _settings = settings; }

        public ChurnRisk Assess(PurchaseSummary purchases, IReadOnlyCollection<SurveyResponse> surveys, IReadOnlyCollection<Complaint> complaints, DateTime asOf)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            var churn = _settings.Churn;
            var reasons = new List<ChurnReason>();
            var window = _settings.Analysis.WindowPeriods;

            // Activity: value in the latest window vs the customer's average over the windows before it.
            var recentPeriods = Math.Max(1, window / 2);
            var recent = purchases.Recent(recentPeriods).Revenue / recentPeriods;
            var baselinePeriods = purchases.Periods.Count - recentPeriods;
            var baseline = baselinePeriods > 0 ? purchases.Before(recentPeriods, baselinePeriods).Revenue / baselinePeriods : 0m;
            if (baseline > 0)
            {
                var decline = 1m - recent / baseline;
                if (decline >= churn.ActivityDeclineThreshold)
                    reasons.Add(new ChurnReason(ChurnReasonCode.ActivityDecline, Points(churn.ActivityDeclinePoints, decline),
                        $"Purchase value fell {Percent(decline)} below the customer's own baseline"));
            }

            // Satisfaction: the latest survey vs the average of the earlier ones.
            var ordered = (surveys ?? Array.Empty<SurveyResponse>()).Where(s => s != null).OrderBy(s => s.AnsweredOn).ToList();
            if (ordered.Count >= 2)
            {
                var earlier = ordered.Take(ordered.Count - 1).Average(s => s.Score);
                var latest = ordered[ordered.Count - 1].Score;
                if (earlier > 0)
                {
                    var drop = 1m - latest / earlier;
                    if (drop >= churn.SatisfactionDropThreshold)
                        reasons.Add(new ChurnReason(ChurnReasonCode.SatisfactionDecline, Points(churn.SatisfactionDropPoints, drop * 2),
                            $"Satisfaction dropped {Percent(drop)} (latest survey {latest.ToString("0.#", CultureInfo.InvariantCulture)} vs {earlier.ToString("0.#", CultureInfo.InvariantCulture)} before)"));
                }
            }

            // Complaints: open cases weigh more than recently closed ones.
            var list = (complaints ?? Array.Empty<Complaint>()).Where(c => c != null).ToList();
            var open = list.Count(c => c.IsOpen);
            var recentClosed = list.Count(c => !c.IsOpen && (asOf - c.OpenedOn).TotalDays <= churn.RecentComplaintDays);
            var complaintPoints = Math.Min(churn.ComplaintPointsCap, open * churn.OpenComplaintPoints + recentClosed * churn.RecentComplaintPoints);
            if (complaintPoints > 0)
                reasons.Add(new ChurnReason(ChurnReasonCode.Complaints, complaintPoints,
                    $"{open} open complaint{(open == 1 ? "" : "s")}, {recentClosed} more in the last {churn.RecentComplaintDays} days"));

            if (purchases.LastPurchaseOn.HasValue)
            {
                var days = (int)(asOf - purchases.LastPurchaseOn.Value).TotalDays;
                if (days > churn.LongRecencyDays)
                    reasons.Add(new ChurnReason(ChurnReasonCode.LongRecency, Points(churn.LongRecencyPoints, (decimal)days / (2 * churn.LongRecencyDays)),
                        $"No purchase for {days} days"));
            }

            var score = Math.Min(100, reasons.Sum(r => r.Points));
            var band = score >= churn.HighRiskFrom ? ChurnRiskBand.High : score >= churn.MediumRiskFrom ? ChurnRiskBand.Medium : ChurnRiskBand.Low;
            return new ChurnRisk(score, band, reasons.OrderByDescending(r => r.Points).ThenBy(r => r.Code).ToList());
        }

        /// <summary>Full weight once the signal reaches 100%; at least half weight once it crosses its threshold.</summary>
        private static int Points(int weight, decimal strength) =>
            (int)Math.Round(weight * Math.Max(0.5m, Math.Min(1m, strength)), MidpointRounding.AwayFromZero);

        private static string Percent(decimal fraction) => Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }
}
