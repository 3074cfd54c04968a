using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Coverage
{
    /// <summary>How many people we know in one layer or function, and our last completed activity with any of them.</summary>
    public struct CoverageCell
    {
        public CoverageCell(int contacts, DateTime? lastActivityOn)
        {
            Contacts = contacts;
            LastActivityOn = lastActivityOn;
        }

        public int Contacts { get; }
        public DateTime? LastActivityOn { get; }
    }

    /// <summary>Who we know at an account, by layer and by function, and the gaps the coverage rules found.</summary>
    public sealed class AccountCoverage
    {
        public AccountCoverage(IReadOnlyDictionary<ContactLayer, CoverageCell> layers, IReadOnlyDictionary<ContactFunction, CoverageCell> functions,
            IReadOnlyList<ChurnReason> gaps)
        {
            Layers = layers;
            Functions = functions;
            Gaps = gaps;
        }

        public IReadOnlyDictionary<ContactLayer, CoverageCell> Layers { get; }
        public IReadOnlyDictionary<ContactFunction, CoverageCell> Functions { get; }

        /// <summary>Missing decision-layer or finance contact, silent decision layer: churn reasons, strongest first.</summary>
        public IReadOnlyList<ChurnReason> Gaps { get; }

        /// <summary>What the "meet the decision maker" task says is missing; null without a gap.</summary>
        public string GapSummary => Gaps.Count == 0 ? null : string.Join("; ", Gaps.Select(g => g.Description));
    }

    /// <summary>
    /// B2B customers are reached through people at three layers and in three functions, each caring about different
    /// things. For accounts in the watched tiers (platinum and gold by default) a missing decision-layer contact, a missing
    /// finance contact, or no activity with the decision layer for coverage.decisionContactDays is a churn reason: the
    /// relationship hangs on people who do not decide or pay. A completed "meet the decision maker" task counts as an
    /// activity with the decision layer.
    /// </summary>
    public sealed class CoverageAssessor
    {
        private readonly CoverageSettings _settings;

        public CoverageAssessor(CoverageSettings settings) { _settings = settings; }

        public AccountCoverage Assess(IReadOnlyCollection<KnownContact> contacts, ValueTier tier, DateTime asOf, DateTime? decisionMakerMet)
        {
            if (contacts == null) throw new DomainValidationException("An account's coverage needs its contacts (pass an empty list for none).");
            var known = contacts.Where(c => c != null).ToList();
            var layers = Enum.GetValues(typeof(ContactLayer)).Cast<ContactLayer>()
                .ToDictionary(l => l, l => Cell(known.Where(c => c.Layer == l)));
            var functions = Enum.GetValues(typeof(ContactFunction)).Cast<ContactFunction>()
                .ToDictionary(f => f, f => Cell(known.Where(c => c.Function == f)));

            var gaps = new List<ChurnReason>();
            if (_settings.Tiers.Contains(tier))
            {
                var decision = layers[ContactLayer.Decision];
                if (decision.Contacts == 0)
                    gaps.Add(new ChurnReason(ChurnReasonCode.NoDecisionContact, _settings.MissingDecisionPoints,
                        $"No contact at the decision layer of this {tier} account"));
                else
                {
                    var last = Latest(decision.LastActivityOn, decisionMakerMet);
                    var days = last.HasValue ? (int)(asOf - last.Value).TotalDays : (int?)null;
                    if (!days.HasValue || days.Value > _settings.DecisionContactDays)
                        gaps.Add(new ChurnReason(ChurnReasonCode.DecisionLayerSilent, _settings.SilentDecisionPoints, days.HasValue
                            ? $"No activity with the decision layer for {days} days (last {last.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
                            : "No activity with the decision layer on record"));
                }
                if (functions[ContactFunction.Finance].Contacts == 0)
                    gaps.Add(new ChurnReason(ChurnReasonCode.NoFinanceContact, _settings.MissingFinancePoints,
                        $"No contact in finance, who approves the money, at this {tier} account"));
            }
            return new AccountCoverage(layers, functions, gaps.OrderByDescending(g => g.Points).ThenBy(g => g.Code).ToList());
        }

        private static CoverageCell Cell(IEnumerable<KnownContact> contacts)
        {
            var list = contacts.ToList();
            return new CoverageCell(list.Count, list.Select(c => c.LastActivityOn).Aggregate((DateTime?)null, Latest));
        }

        private static DateTime? Latest(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a > b ? a : b);
    }
}
