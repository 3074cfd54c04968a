using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Domain.Analytics;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>The report's lost-customer analysis and the KPIs per lifecycle phase, both computed by the domain's analytics.</summary>
    public static class LossReport
    {
        public static void Write(TextWriter output, InMemoryDataverse host, IReadOnlyList<Entity> accounts, SampleDataset data)
        {
            var rows = host.Store.Rows(CustomerLoss.EntityLogicalName).ToList();
            var losses = rows.Select(Record).ToList();
            var analysis = LostCustomerAnalysis.Of(losses);
            output.WriteLine();
            output.WriteLine("== Lost customers: causes, win-backs, time to recovery");
            output.WriteLine($"{analysis.Lost} losses recorded ({losses.Count(l => l.Loss.Detection == LossDetection.NoPurchase)} by the rules after a year without a purchase, " +
                $"{losses.Count(l => l.Loss.Detection == LossDetection.ClosedByUser)} closed by users); {analysis.Recovered} won back " +
                $"(recovered share {Percent(analysis.RecoveredShare)}), median {Days(analysis.MedianDaysToRecovery)} and mean {Days(analysis.MeanDaysToRecovery)} " +
                "from the loss to the first purchase after it");
            Breakdown(output, "tier at loss", analysis.ByTier);
            Breakdown(output, "ended in (pattern)", analysis.ByEnding);

            var settings = SettingsLoader.Defaults;
            var customers = Customers(accounts, data, rows.ToLookup(r => r.GetAttributeValue<EntityReference>(CustomerLoss.Customer).Id, r => Record(r).Loss));
            var kpis = LifecycleKpis.Compute(customers, data.Opportunities.Count(o => o.Won && InPeriod(o.ClosedOn, settings)),
                data.Opportunities.Count(o => InPeriod(o.ClosedOn, settings)), DemoRunner.AsOf, settings);
            output.WriteLine();
            output.WriteLine($"== KPIs per lifecycle phase (the last {settings.Analysis.WindowPeriods * settings.Analysis.PeriodMonths} months; " +
                "growth and retention count their own stage's customers, acquisition and loss the customer base)");
            DemoReport.Table(output, new[] { "phase", "KPI", "value", "numerator", "denominator" }, kpis.Select(k => new[]
            {
                k.Phase.ToString(), k.Name, Percent(k.Rate) + (k.Detail == null ? "" : " — " + k.Detail),
                $"{k.NumeratorCount} {k.Numerator}", $"{k.DenominatorCount} {k.Denominator}",
            }));
        }

        private static void Breakdown(TextWriter output, string by, IEnumerable<LossBreakdown> rows)
        {
            output.WriteLine();
            DemoReport.Table(output, new[] { by, "lost", "our side", "competitor", "customer side", "not recorded", "won back" }, rows.Select(b => new[]
            {
                b.Group, b.Lost.ToString(CultureInfo.InvariantCulture), b.ByFamily[LossCauseFamily.OurSide].ToString(CultureInfo.InvariantCulture),
                b.ByFamily[LossCauseFamily.Competitor].ToString(CultureInfo.InvariantCulture), b.ByFamily[LossCauseFamily.CustomerSide].ToString(CultureInfo.InvariantCulture),
                b.NotRecorded.ToString(CultureInfo.InvariantCulture), b.Recovered.ToString(CultureInfo.InvariantCulture),
            }));
        }

        private static LostCustomer Record(Entity row) => new LostCustomer(
            new CustomerLossRecord(row.Id, row.GetAttributeValue<DateTime>(CustomerLoss.LostOn),
                DemoRunner.Option<LossDetection>(row, CustomerLoss.Detection) ?? LossDetection.ClosedByUser, DemoRunner.Option<LossCauseFamily>(row, CustomerLoss.CauseFamily),
                DemoRunner.Option<LossCause>(row, CustomerLoss.Cause), DemoRunner.Option<WinBackOutcome>(row, CustomerLoss.WinBackOutcome),
                row.GetAttributeValue<DateTime?>(CustomerLoss.RecoveredOn)),
            DemoRunner.Option<ValueTier>(row, CustomerLoss.TierAtLoss), DemoRunner.Option<LifecycleStage>(row, CustomerLoss.StageAtLoss),
            DemoRunner.Option<LifecyclePattern>(row, CustomerLoss.PatternAtLoss));

        /// <summary>Each account's stage now and its history from the sample, with the losses the run left recorded.</summary>
        private static List<KpiCustomer> Customers(IReadOnlyList<Entity> accounts, SampleDataset data, ILookup<Guid, CustomerLossRecord> lossesOf)
        {
            var purchases = data.Orders.Select(o => (o.AccountId, Purchase: new KpiPurchase(o.SubmittedOn, o.ProductFamily)))
                .Concat(data.Invoices.Select(i => (i.AccountId, Purchase: new KpiPurchase(i.CreatedOn, null)))).ToLookup(p => p.AccountId, p => p.Purchase);
            var complaints = data.Cases.Where(c => c.IsComplaint).ToLookup(c => c.AccountId, c => c.CreatedOn);
            var surveys = data.Surveys.ToLookup(s => s.AccountId, s => new KeyValuePair<DateTime, decimal>(s.AnsweredOn, s.Score));
            return accounts.Select(a => new KpiCustomer
            {
                Stage = DemoRunner.Option<LifecycleStage>(a, CustomerColumns.LifecycleStage),
                Purchases = purchases[a.Id].ToList(),
                ComplaintsOpenedOn = complaints[a.Id].ToList(),
                SurveyScores = surveys[a.Id].ToList(),
                Losses = lossesOf[a.Id].ToList(),
            }).ToList();
        }

        private static bool InPeriod(DateTime date, CrmExtensionsSettings settings) =>
            date > DemoRunner.AsOf.AddMonths(-settings.Analysis.WindowPeriods * settings.Analysis.PeriodMonths) && date <= DemoRunner.AsOf;

        private static string Percent(double? rate) => rate.HasValue ? rate.Value.ToString("P0", CultureInfo.InvariantCulture) : "-";

        private static string Days(double? days) => days.HasValue ? days.Value.ToString("0", CultureInfo.InvariantCulture) + " days" : "-";
    }
}
