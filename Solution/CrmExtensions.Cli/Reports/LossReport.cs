using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Analytics;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// The report's lost-customer analysis and the KPIs per lifecycle phase, both computed by the domain's analytics from
    /// what the org holds: loss records, orders (with their lines' product families), invoices, complaint cases, survey
    /// answers and closed opportunities.
    /// </summary>
    public static class LossReport
    {
        public static void Write(ReportDocument document, IOrganizationService service, DateTime asOf, CrmExtensionsSettings settings, ChoiceLabels labels)
        {
            var rows = CustomerReport.All(service, CustomerLoss.EntityLogicalName, CustomerLoss.Customer, CustomerLoss.LostOn, CustomerLoss.Detection, CustomerLoss.CauseFamily,
                CustomerLoss.Cause, CustomerLoss.WinBackOutcome, CustomerLoss.RecoveredOn, CustomerLoss.TierAtLoss, CustomerLoss.StageAtLoss, CustomerLoss.PatternAtLoss);
            var losses = rows.Select(Record).ToList();
            var analysis = LostCustomerAnalysis.Of(losses);
            document.Section("Lost customers: causes, win-backs, time to recovery");
            var months = settings.Analysis.WindowPeriods * settings.Analysis.PeriodMonths;
            document.Note($"{CustomerReport.Plural(analysis.Lost, "loss", "losses")} recorded in all, not only the last {months} months the KPIs count " +
                $"({losses.Count(l => l.Loss.Detection == LossDetection.NoPurchase)} by the rules after a year without a purchase, " +
                $"{losses.Count(l => l.Loss.Detection == LossDetection.ClosedByUser)} closed by users); {analysis.Recovered} won back " +
                $"(recovered share {Percent(analysis.RecoveredShare)}), median {Days(analysis.MedianDaysToRecovery)} and mean {Days(analysis.MeanDaysToRecovery)} " +
                "from the loss to the first purchase after it");
            Breakdown(document, labels, "tier at loss", analysis.ByTier);
            Breakdown(document, labels, "ended in (pattern)", analysis.ByEnding);

            bool InPeriod(DateTime date) => date > asOf.AddMonths(-months) && date <= asOf;
            // Cases exist only where Customer Service and CrmExtensionsService are installed; elsewhere complaints count as none.
            var tracksComplaints = new InstalledSolutions(service).Has(ProductSolutions.Service);
            var customers = Customers(service, new PurchaseDefinition(settings.Purchases), rows.Where(r => r.Contains(CustomerLoss.Customer))
                .ToLookup(r => r.GetAttributeValue<EntityReference>(CustomerLoss.Customer).Id, r => Record(r).Loss), tracksComplaints ? settings.Complaints : null);
            var closed = ClosedOpportunities(service).Where(o => InPeriod(o.ClosedOn)).ToList();
            var kpis = LifecycleKpis.Compute(customers, closed.Count(o => o.Won), closed.Count, asOf, settings, f => labels.Of(f));
            document.Section($"KPIs per lifecycle phase (the last {months} months; " +
                "growth and retention count their own stage's customers, acquisition and loss the customer base)");
            document.Table(new[] { "phase", "KPI", "value", "numerator", "denominator" }, kpis.Select(k => new[]
            {
                labels.Of(k.Phase), k.Name, Percent(k.Rate) + (k.Detail == null ? "" : " — " + k.Detail),
                $"{k.NumeratorCount} {k.Numerator}", $"{k.DenominatorCount} {k.Denominator}",
            }));
            if (!tracksComplaints)
                document.Note($"Complaints are not tracked in this org: {ProductSolutions.Service} (complaints from cases) needs Dynamics 365 Customer Service, " +
                    "so no customer's churn warning or retention counts a complaint.");
        }

        private static void Breakdown(ReportDocument document, ChoiceLabels labels, string by, IEnumerable<LossBreakdown> rows)
        {
            var families = new[] { LossCauseFamily.OurSide, LossCauseFamily.Competitor, LossCauseFamily.CustomerSide };
            document.Table(new[] { by, "lost" }.Concat(families.Select(f => labels.Of(f).ToLowerInvariant())).Concat(new[] { "not recorded", "won back" }).ToArray(), rows.Select(b => new[]
            {
                labels.OfName<ValueTier>(b.Group) ?? labels.OfName<LifecyclePattern>(b.Group) ?? labels.OfName<LifecycleStage>(b.Group) ?? b.Group,
                b.Lost.ToString(CultureInfo.InvariantCulture), b.ByFamily[LossCauseFamily.OurSide].ToString(CultureInfo.InvariantCulture),
                b.ByFamily[LossCauseFamily.Competitor].ToString(CultureInfo.InvariantCulture), b.ByFamily[LossCauseFamily.CustomerSide].ToString(CultureInfo.InvariantCulture),
                b.NotRecorded.ToString(CultureInfo.InvariantCulture), b.Recovered.ToString(CultureInfo.InvariantCulture),
            }));
        }

        private static LostCustomer Record(Entity row) => new LostCustomer(
            new CustomerLossRecord(row.Id, row.GetAttributeValue<DateTime>(CustomerLoss.LostOn),
                CustomerReport.Option<LossDetection>(row, CustomerLoss.Detection) ?? LossDetection.ClosedByUser, CustomerReport.Option<LossCauseFamily>(row, CustomerLoss.CauseFamily),
                CustomerReport.Option<LossCause>(row, CustomerLoss.Cause), CustomerReport.Option<WinBackOutcome>(row, CustomerLoss.WinBackOutcome),
                row.GetAttributeValue<DateTime?>(CustomerLoss.RecoveredOn), CustomerReport.Option<ValueTier>(row, CustomerLoss.TierAtLoss)),
            CustomerReport.Option<LifecycleStage>(row, CustomerLoss.StageAtLoss),
            CustomerReport.Option<LifecyclePattern>(row, CustomerLoss.PatternAtLoss));

        /// <summary>Each account's stage now and its history as the org holds it, with its recorded losses; complaintTypes null: the org has no cases.</summary>
        private static List<KpiCustomer> Customers(IOrganizationService service, PurchaseDefinition definition, ILookup<Guid, CustomerLossRecord> lossesOf,
            ComplaintSettings complaintTypes)
        {
            var accounts = CustomerReport.All(service, Account.EntityLogicalName, CustomerColumns.LifecycleStage);
            var purchases = KpiPurchases.Read(service, definition).ToLookup(p => p.Customer, p => p.Purchase);
            var complaints = (complaintTypes != null ? Complaints(service, complaintTypes) : Enumerable.Empty<(Guid Customer, DateTime OpenedOn)>()).ToLookup(c => c.Customer, c => c.OpenedOn);
            var surveys = CustomerReport.All(service, CxSurveyResponse.EntityLogicalName, CxSurveyResponse.Customer, CxSurveyResponse.AnsweredOn, CxSurveyResponse.Score)
                .Where(s => s.Contains(CxSurveyResponse.Customer) && s.Contains(CxSurveyResponse.AnsweredOn) && s.Contains(CxSurveyResponse.Score))
                .ToLookup(s => s.GetAttributeValue<EntityReference>(CxSurveyResponse.Customer).Id,
                    s => new KeyValuePair<DateTime, decimal>(s.GetAttributeValue<DateTime>(CxSurveyResponse.AnsweredOn), s.GetAttributeValue<decimal>(CxSurveyResponse.Score)));
            return accounts.Select(a => new KpiCustomer
            {
                Stage = CustomerReport.Option<LifecycleStage>(a, CustomerColumns.LifecycleStage),
                Purchases = purchases[a.Id].ToList(),
                ComplaintsOpenedOn = complaints[a.Id].ToList(),
                SurveyScores = surveys[a.Id].ToList(),
                Losses = lossesOf[a.Id].ToList(),
            }).ToList();
        }

        private static IEnumerable<(Guid Customer, DateTime OpenedOn)> Complaints(IOrganizationService service, ComplaintSettings complaints)
        {
            var query = new QueryExpression(Incident.EntityLogicalName) { ColumnSet = new ColumnSet(Incident.Customer, Incident.CreatedOn) };
            query.Criteria.AddCondition(Incident.CaseTypeCode, ConditionOperator.In, complaints.CaseTypes.Cast<object>().ToArray());
            return PagedQuery.All(service, query).Where(c => c.Contains(Incident.Customer))
                .Select(c => (c.GetAttributeValue<EntityReference>(Incident.Customer).Id, c.GetAttributeValue<DateTime>(Incident.CreatedOn)));
        }

        /// <summary>Closed opportunities: won or lost, closed when their last close activity ended.</summary>
        private static IEnumerable<(DateTime ClosedOn, bool Won)> ClosedOpportunities(IOrganizationService service)
        {
            var won = CustomerReport.All(service, Opportunity.EntityLogicalName, Opportunity.StateCode)
                .ToDictionary(o => o.Id, o => o.GetAttributeValue<OptionSetValue>(Opportunity.StateCode)?.Value == Opportunity.StateWon);
            return CustomerReport.All(service, OpportunityClose.EntityLogicalName, OpportunityClose.Opportunity, OpportunityClose.ActualEnd)
                .Where(c => c.Contains(OpportunityClose.ActualEnd) && c.Contains(OpportunityClose.Opportunity))
                // A reopened and closed again opportunity counts once, by its last close.
                .GroupBy(c => c.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity).Id)
                .Select(g => (g.Max(c => c.GetAttributeValue<DateTime>(OpportunityClose.ActualEnd)), won.TryGetValue(g.Key, out var w) && w));
        }

        private static string Percent(double? rate) => rate.HasValue ? rate.Value.ToString("P0", CultureInfo.InvariantCulture) : "-";

        private static string Days(double? days) => days.HasValue ? days.Value.ToString("0", CultureInfo.InvariantCulture) + " days" : "-";
    }
}
