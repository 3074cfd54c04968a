using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// The churn risks as a sales manager triages them: the platinum and gold accounts at risk first (where retention
    /// pays), then the lead accounts whose strategy is to wind down as their own list, since losing them is planned.
    /// </summary>
    public static class ChurnRisks
    {
        /// <summary>How many accounts each list shows; the sentence above it gives the total.</summary>
        public const int Shown = 10;

        public static void Write(ReportDocument document, List<Entity> accounts, Dictionary<Guid, ValueTier?> tierOf, CrmExtensionsSettings settings, ChoiceLabels labels)
        {
            bool AtRisk(Entity a) => CustomerReport.Option<ChurnRiskBand>(a, CustomerColumns.ChurnRiskBand) is ChurnRiskBand band && band != ChurnRiskBand.Low;
            var valuable = new[] { ValueTier.Platinum, ValueTier.Gold };
            // Any warning counts here: a valuable account is worth a call long before its risk reaches the medium band.
            var warned = ByRisk(accounts.Where(a => tierOf[a.Id] is ValueTier t && valuable.Contains(t) && a.GetAttributeValue<int>(CustomerColumns.ChurnRisk) > 0)).ToList();
            document.Section($"{labels.Of(ValueTier.Platinum)} and {labels.Of(ValueTier.Gold)} accounts at risk");
            document.Note($"{CustomerReport.Plural(warned.Count, "account")} with a churn warning, {warned.Count(AtRisk)} of them " +
                $"{labels.Of(ChurnRiskBand.Medium).ToLowerInvariant()} or {labels.Of(ChurnRiskBand.High).ToLowerInvariant()}; " + Listed(warned.Count));
            if (warned.Count > 0) document.Table(Header, warned.Take(Shown).Select(a => Row(a, tierOf, labels)));

            var windingDown = settings.ValueMatrix.Policies.Where(p => p.Value.Strategy == RetentionStrategy.WindDown).Select(p => p.Key).ToList();
            var leads = ByRisk(accounts.Where(a => tierOf[a.Id] is ValueTier t && windingDown.Contains(t) && AtRisk(a))).ToList();
            document.Section($"{string.Join(" and ", windingDown.Select(t => labels.Of(t)))} accounts in wind-down at risk " +
                $"({labels.Of(RetentionStrategy.WindDown).ToLowerInvariant()}: no retention investment)");
            document.Note($"{CustomerReport.Plural(leads.Count, "account")} with a {labels.Of(ChurnRiskBand.Medium).ToLowerInvariant()} or " +
                $"{labels.Of(ChurnRiskBand.High).ToLowerInvariant()} churn risk; " + Listed(leads.Count));
            if (leads.Count > 0) document.Table(Header, leads.Take(Shown).Select(a => Row(a, tierOf, labels)));
        }

        private static string Listed(int count) => count == 0 ? "none to list." : count > Shown ? $"the {Shown} most at risk:" : "all listed, the highest risk first:";

        private static readonly string[] Header = { "customer", "tier", "risk", "reasons" };

        private static IEnumerable<Entity> ByRisk(IEnumerable<Entity> rows) => rows
            .OrderByDescending(a => a.GetAttributeValue<int>(CustomerColumns.ChurnRisk)).ThenBy(a => a.GetAttributeValue<string>(Account.Name), StringComparer.Ordinal);

        private static string[] Row(Entity a, Dictionary<Guid, ValueTier?> tierOf, ChoiceLabels labels) => new[]
        {
            a.GetAttributeValue<string>(Account.Name), labels.Of(tierOf[a.Id]), CustomerReport.Number(a.GetAttributeValue<int>(CustomerColumns.ChurnRisk)),
            a.GetAttributeValue<string>(CustomerColumns.ChurnReasons) ?? "",
        };
    }
}
