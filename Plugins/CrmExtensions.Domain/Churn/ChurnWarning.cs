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

        /// <summary>Few purchases expected from the customer by the purchase model (few repeats, a slow rhythm, silence).</summary>
        PurchaseRhythm = 4,

        /// <summary>Silent for longer than the customer's own usual interval between purchases.</summary>
        Overdue = 5,

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

    /// <summary>Risk bands. Stored in the cx_churnriskband choice, as the option of the same name.</summary>
    public enum ChurnRiskBand
    {
        Low = 1,
        Medium = 2,
        High = 3,
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

        /// <summary>This reason's own risk, 0–1.</summary>
        public double Risk { get; }

        /// <summary>The risk in points as users read it, 0–100.</summary>
        public int Points => (int)Math.Round(Risk * 100, MidpointRounding.AwayFromZero);

        /// <summary>What a user reads on the form, e.g. "Order value fell 45% below the customer's own baseline".</summary>
        public string Description { get; }
    }

    public sealed class ChurnRisk
    {
        public ChurnRisk(double probability, ChurnRiskBand band, IReadOnlyList<ChurnReason> reasons, double? expectedPurchases = null)
        {
            ExpectedPurchases = expectedPurchases;
            Probability = probability;
            Score = (int)Math.Round(100 * probability, MidpointRounding.AwayFromZero);
            Band = band;
            Reasons = reasons;
        }

        /// <summary>
        /// 0 (no sign) to 100: the reasons combined as independent risks, 100 × (1 − Π(1 − points/100)), so each reason
        /// raises the score and none can push it past 100.
        /// </summary>
        public int Score { get; }

        /// <summary>Purchases the purchase model expects within the churn horizon; null without a purchase.</summary>
        public double? ExpectedPurchases { get; }

        /// <summary>The same risk unrounded (0–1), for ranking customers.</summary>
        public double Probability { get; }

        public ChurnRiskBand Band { get; }

        /// <summary>Strongest first.</summary>
        public IReadOnlyList<ChurnReason> Reasons { get; }

        public string ReasonsText => string.Join("; ", Reasons.Select(r => r.Description));

        /// <summary>
        /// The chance of staying that the reasons other than the purchase model's own expectation leave (silence beyond the
        /// rhythm, falling value, satisfaction, complaints): what the value rules multiply the model's expectation by.
        /// </summary>
        public double StayingDespiteOtherSigns => Reasons.Where(r => r.Code != ChurnReasonCode.PurchaseRhythm).Aggregate(1.0, (staying, r) => staying * (1 - r.Risk));
    }

    /// <summary>
    /// Early churn warning. The purchase-rhythm signal is the chance of no purchase within the horizon at the number of
    /// purchases the purchase model expects from this customer (its own rhythm, repeat count and silence since the last
    /// purchase, against the population's); falling activity against the customer's own baseline, falling
    /// satisfaction and complaints add their own points. Score and named reasons are kept together so users see why.
    /// </summary>
    public sealed class ChurnWarning
    {
        private readonly CrmExtensionsSettings _settings;
        private readonly PurchaseModel _model;

        public ChurnWarning(CrmExtensionsSettings settings, PurchaseModel model)
        {
            _settings = settings;
            _model = model;
        }

        public ChurnRisk Assess(PurchaseSummary purchases, IReadOnlyCollection<SurveyResponse> surveys, IReadOnlyCollection<Complaint> complaints, DateTime asOf)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            var churn = _settings.Churn;
            var reasons = new List<ChurnReason>();

            var rhythm = PurchaseRhythm.Of(purchases, asOf);
            double? expectedPurchases = null;
            if (rhythm.HasValue)
            {
                var expected = _model.ExpectedPurchases(rhythm.Value, churn.HorizonMonths * 365.25 / 12);
                expectedPurchases = expected;
                var risk = Math.Exp(-expected);
                if (risk >= 0.005) reasons.Add(new ChurnReason(ChurnReasonCode.PurchaseRhythm, risk, DescribeOutlook(rhythm.Value, expected, churn.HorizonMonths)));

                // Overdue: silence measured in the customer's own intervals (the population's before a second purchase),
                // rising from nothing at one interval to full weight at lifecycle.overdueIntervals, where decline starts.
                // It keeps silence visible when the fitted model sees little dropout in the population.
                var interval = rhythm.Value.UsualIntervalDays ?? _model.TypicalIntervalDays;
                var overdue = (rhythm.Value.DaysSinceLastPurchase / interval - 1) / ((double)_settings.Lifecycle.OverdueIntervals - 1);
                if (overdue > 0)
                    reasons.Add(new ChurnReason(ChurnReasonCode.Overdue, churn.OverduePoints / 100.0 * Math.Min(1, overdue), DescribeSilence(rhythm.Value, interval)));
            }

            // Activity: value in the latest half-window vs the customer's own average since its first purchase.
            var trend = ActivityTrend.Of(purchases, asOf, _settings.Analysis.PeriodMonths, Math.Max(1, _settings.Analysis.WindowPeriods / 2));
            if (trend.HasValue && -trend.Value.Change >= churn.ActivityDeclineThreshold)
            {
                var decline = -trend.Value.Change;
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
                            $"Satisfaction dropped {Percent(drop)} (latest survey {latest.ToString("0.#", CultureInfo.InvariantCulture)} " +
                            $"vs {earlier.ToString("0.#", CultureInfo.InvariantCulture)} before)"));
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

            return Combine(reasons, expectedPurchases);
        }

        /// <summary>
        /// The risk with further reasons: the relationship signals (coverage gaps, competitors) judged once the tier is
        /// placed. They raise the score and name themselves like any reason, but the value rules have already used the
        /// risk without them, so a gap in who we know never lowers a customer's value and moves it out of the tiers the
        /// gap rule watches.
        /// </summary>
        public ChurnRisk WithReasons(ChurnRisk risk, IEnumerable<ChurnReason> more)
        {
            var added = (more ?? Enumerable.Empty<ChurnReason>()).ToList();
            return added.Count == 0 ? risk : Combine(risk.Reasons.Concat(added).ToList(), risk.ExpectedPurchases);
        }

        private ChurnRisk Combine(List<ChurnReason> reasons, double? expectedPurchases)
        {
            var churn = _settings.Churn;
            var probability = 1 - reasons.Aggregate(1.0, (staying, r) => staying * (1 - r.Risk));
            var score = (int)Math.Round(100 * probability, MidpointRounding.AwayFromZero);
            var band = score >= churn.HighRiskFrom ? ChurnRiskBand.High : score >= churn.MediumRiskFrom ? ChurnRiskBand.Medium : ChurnRiskBand.Low;
            return new ChurnRisk(probability, band, reasons.OrderByDescending(r => r.Points).ThenBy(r => r.Code).ToList(), expectedPurchases);
        }

        /// <summary>"No purchase for 140 days; this customer usually buys every 30 days (0.4 purchases expected in the next 12 months)".</summary>
        /// <summary>"0.4 purchases expected in the next 12 months (11 repeat purchases so far; 44% likely still active)".</summary>
        private string DescribeOutlook(PurchaseRhythm rhythm, double expected, int horizonMonths)
        {
            var outlook = $"{expected.ToString("0.0", CultureInfo.InvariantCulture)} purchases expected in the next {horizonMonths} months";
            if (rhythm.RepeatPurchases == 0) return outlook + " (one purchase so far)";
            return outlook + $" ({rhythm.RepeatPurchases} repeat purchase{(rhythm.RepeatPurchases == 1 ? "" : "s")} so far; {Percent((decimal)_model.ProbabilityAlive(rhythm))} likely still active)";
        }

        /// <summary>"No purchase for 140 days; this customer usually buys every 30 days".</summary>
        private static string DescribeSilence(PurchaseRhythm rhythm, double interval)
        {
            var days = (int)Math.Round(rhythm.DaysSinceLastPurchase);
            return rhythm.UsualIntervalDays.HasValue
                ? $"No purchase for {days} days; this customer usually buys every {Math.Round(interval):0} days"
                : $"No second purchase {days} days after the first; customers here usually buy every {Math.Round(interval):0} days";
        }

        /// <summary>Full weight once the signal reaches 100%; at least half weight once it crosses its threshold.</summary>
        private static int Points(int weight, decimal strength) =>
            (int)Math.Round(weight * Math.Max(0.5m, Math.Min(1m, strength)), MidpointRounding.AwayFromZero);

        private static string Percent(decimal fraction) => Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }
}
