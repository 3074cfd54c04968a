using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Competition
{
    /// <summary>
    /// A competitor gaining ground raises churn risk: one reason when users recorded a competitor as gaining ground, one
    /// when the customer lost opportunities to competitors, each within competition.recentDays. The reason names the
    /// competitors and what we know of them (how satisfied the customer is with their products, their representative and
    /// relationship), so the account team sees whom it is up against.
    /// </summary>
    public sealed class CompetitorAssessor
    {
        private readonly CompetitionSettings _settings;

        public CompetitorAssessor(CompetitionSettings settings) { _settings = settings; }

        public IReadOnlyList<ChurnReason> Assess(IReadOnlyCollection<CompetitorSignal> signals, DateTime asOf)
        {
            var recent = (signals ?? Array.Empty<CompetitorSignal>())
                .Where(s => s != null && s.On <= asOf && (asOf - s.On).TotalDays <= _settings.RecentDays).ToList();
            var reasons = new List<ChurnReason>();

            var gaining = recent.Where(s => s.Kind == CompetitorSignalKind.Recorded && s.Trend == CompetitorTrend.GainingGround)
                .GroupBy(s => s.Competitor, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderByDescending(s => s.On).First())
                .OrderByDescending(s => s.On).ToList();
            if (gaining.Count > 0)
                reasons.Add(new ChurnReason(ChurnReasonCode.CompetitorGainingGround, _settings.GainingGroundPoints,
                    (gaining.Count == 1 ? "Competitor gaining ground: " : "Competitors gaining ground: ") + string.Join(", ", gaining.Select(Describe))));

            var lost = recent.Where(s => s.Kind == CompetitorSignalKind.LostOpportunity).OrderByDescending(s => s.On).ToList();
            if (lost.Count > 0)
                reasons.Add(new ChurnReason(ChurnReasonCode.LostToCompetitor, _settings.LostOpportunityPoints,
                    $"Lost {lost.Count} opportunit{(lost.Count == 1 ? "y" : "ies")} to competitors in the last {_settings.RecentDays} days: "
                    + string.Join(", ", lost.Select(s => $"{s.Competitor} ({Day(s.On)})"))));
            return reasons;
        }

        private static string Describe(CompetitorSignal s)
        {
            var facts = new List<string> { "recorded " + Day(s.On) };
            if (s.Products != null) facts.Add("uses " + s.Products);
            if (s.Satisfaction.HasValue) facts.Add($"satisfaction with their products {s.Satisfaction} of {CompetitorSignal.SatisfactionScaleMax}");
            if (s.Representative != null || s.Relationship.HasValue)
                facts.Add($"their representative{(s.Representative == null ? "" : " " + s.Representative)}"
                    + (s.Relationship.HasValue ? $" has a {s.Relationship.Value.ToString().ToLowerInvariant()} relationship" : ""));
            return $"{s.Competitor} ({string.Join("; ", facts)})";
        }

        private static string Day(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
