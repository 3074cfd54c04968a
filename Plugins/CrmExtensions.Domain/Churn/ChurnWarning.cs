using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Churn
{
    /// <summary>
    /// Early churn warning. The base is the purchase model's outlook: the chance of no purchase within the horizon at
    /// the number of purchases the model expects from this customer (its own rhythm, repeat count and silence since the
    /// last purchase, against the population's). What lowered that expectation (silence beyond the customer's own
    /// rhythm, purchase value falling against its own baseline) is named in the outlook's text, not counted twice.
    /// Falling satisfaction and complaints, which the model cannot see, weigh on top (see <see cref="ChurnRisk"/>).
    /// </summary>
    public sealed class ChurnWarning
    {
        private readonly CrmExtensionsSettings _settings;
        private readonly PurchaseModel _model;
        private readonly ChurnHorizon _horizon;

        public ChurnWarning(CrmExtensionsSettings settings, PurchaseModel model) : this(settings, model, ChurnHorizon.Of(settings.Churn))
        {
        }

        public ChurnWarning(CrmExtensionsSettings settings, PurchaseModel model, ChurnHorizon horizon)
        {
            _settings = settings;
            _model = model;
            _horizon = horizon;
        }

        public ChurnRisk Assess(PurchaseSummary purchases, IReadOnlyCollection<SurveyResponse> surveys, IReadOnlyCollection<Complaint> complaints, DateTime asOf)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            var churn = _settings.Churn;
            var reasons = new List<ChurnReason>();

            var rhythm = PurchaseRhythm.Of(purchases, asOf);
            double? expectedPurchases = null, outlook = null;
            if (rhythm.HasValue)
            {
                var expected = _model.ExpectedPurchases(rhythm.Value, _horizon.Days);
                expectedPurchases = expected;
                outlook = Math.Exp(-expected);
                if (outlook >= 0.005)
                    reasons.Add(new ChurnReason(ChurnReasonCode.PurchaseRhythm, outlook.Value, DescribeOutlook(purchases, rhythm.Value, expected, asOf)));
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

            return new ChurnRisk(outlook, reasons, churn, expectedPurchases);
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
            return added.Count == 0 ? risk : new ChurnRisk(risk.PurchaseOutlook, risk.Reasons.Concat(added).ToList(), _settings.Churn, risk.ExpectedPurchases);
        }

        /// <summary>
        /// "0.4 purchases expected in the next 12 months (11 repeat purchases so far, 44% likely still active): no purchase
        /// for 140 days where this customer usually buys every 30 days and purchase value 60% below its own baseline".
        /// </summary>
        private string DescribeOutlook(PurchaseSummary purchases, PurchaseRhythm rhythm, double expected, DateTime asOf)
        {
            var outlook = $"{expected.ToString("0.0", CultureInfo.InvariantCulture)} purchases expected in the next {_horizon}";
            outlook += rhythm.RepeatPurchases == 0
                ? " (one purchase so far)"
                : $" ({rhythm.RepeatPurchases} repeat purchase{(rhythm.RepeatPurchases == 1 ? "" : "s")} so far, " +
                  $"{Percent((decimal)_model.ProbabilityAlive(rhythm))} likely still active)";
            var why = new List<string>();
            // Silence longer than the customer's own usual interval (the population's before a second purchase).
            var interval = rhythm.UsualIntervalDays ?? _model.TypicalIntervalDays;
            var days = (int)Math.Round(rhythm.DaysSinceLastPurchase);
            if (rhythm.DaysSinceLastPurchase > interval)
                why.Add(rhythm.UsualIntervalDays.HasValue
                    ? $"no purchase for {days} days where this customer usually buys every {Math.Round(interval):0} days"
                    : $"no second purchase {days} days after the first where customers here usually buy every {Math.Round(interval):0} days");
            // Value in the latest half-window vs the customer's own average since its first purchase.
            var trend = ActivityTrend.Of(purchases, asOf, _settings.Analysis.PeriodMonths, Math.Max(1, _settings.Analysis.WindowPeriods / 2));
            if (trend.HasValue && -trend.Value.Change >= _settings.Churn.ActivityDeclineThreshold)
                why.Add($"purchase value {Percent(-trend.Value.Change)} below its own baseline");
            return why.Count == 0 ? outlook : outlook + ": " + string.Join(" and ", why);
        }

        /// <summary>Full weight once the signal reaches 100%; at least half weight once it crosses its threshold.</summary>
        private static int Points(int weight, decimal strength) =>
            (int)Math.Round(weight * Math.Max(0.5m, Math.Min(1m, strength)), MidpointRounding.AwayFromZero);

        private static string Percent(decimal fraction) => Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }
}
