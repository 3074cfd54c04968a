using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Jobs;
using CrmExtensions.Cli.Reports;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>
    /// Loads the sample dataset into the in-memory organisation with the solution's registrations, recalculates every
    /// customer with a recalculation job (the real cx_StartRecalculation Custom API, its pages run by the host's async
    /// service on several workers), then a second job that calibrates first and places everyone by the new lines, fires
    /// the scripted live events when asked for, and reports.
    /// </summary>
    public sealed class DemoRunner
    {
        private readonly TextWriter _out;
        private readonly ChoiceLabels _labels;

        public DemoRunner(TextWriter output, ChoiceLabels labels, DateTime asOf)
        {
            _out = output;
            _labels = labels;
            AsOf = asOf;
        }

        /// <summary>The moment the host's clock stands at: evaluations and the live events happen then.</summary>
        public DateTime AsOf { get; }

        /// <summary>The jobs' failures, customer by customer; empty when every customer was evaluated.</summary>
        public DemoFailures Failures { get; } = new DemoFailures();

        /// <summary>
        /// Nine in the morning of <paramref name="day"/>: the live events, placed an hour before the evaluation, still
        /// fall on the as-of day.
        /// </summary>
        public static DateTime MorningOf(DateTime day) => day.Date.AddHours(9);

        public InMemoryDataverse Run(string solutionSource, SampleDataset data, DemoScenario scenario)
        {
            var watch = Stopwatch.StartNew();
            var host = new InMemoryDataverse(AsOf);
            // The org as it stood before CrmExtensions: Microsoft's tables, its accounts, products and sales history.
            var reference = StandardTables.BesideSolution(solutionSource);
            if (File.Exists(reference)) host.Metadata.LoadStandardTables(reference);
            var products = SeedBeforeImport(host, data);
            var steps = ProductFolders.LoadInto(host, solutionSource);
            _out.WriteLine($"Loaded {steps} plugin steps of CrmExtensions and CrmExtensionsService from {solutionSource} and its -service folder");
            SeedAfterImport(host, data, products);
            _out.WriteLine($"Seeded {data.Accounts.Count} accounts, {data.Orders.Count} orders, {data.Invoices.Count} invoices, {data.Cases.Count} cases, {data.Surveys.Count} surveys, " +
                $"{data.Contacts.Count} contacts with {data.Activities.Count} activities, {data.Competitors.Count} competitor presences, {data.Opportunities.Count} closed opportunities, " +
                $"{data.Losses.Count} recorded losses");

            host.AsyncWorkers = Workers;
            Recalculate(host, new StartRecalculationRequest { Name = "Demo: first evaluation", PageSize = 100 });
            Recalculate(host, new StartRecalculationRequest { Name = "Demo: calibrate and place", PageSize = 100, Calibrate = true });
            host.AsyncWorkers = 1;

            if (scenario == DemoScenario.LiveEvents) LiveEvents(host);
            _out.WriteLine($"Demo ran in {watch.Elapsed.TotalSeconds:0.0} s");
            return host;
        }

        /// <summary>Async workers the demo's host runs the job's pages with.</summary>
        public const int Workers = 4;

        /// <summary>A recalculation job through the real cx_StartRecalculation Custom API, followed until it is finished.</summary>
        private void Recalculate(InMemoryDataverse host, StartRecalculationRequest request)
        {
            var service = host.GetService();
            var job = JobFollower.Run(service, request, () => host.ProcessAsyncQueue(), null);
            _out.WriteLine($"  recalculation job '{job.Name}': {job.Status}, {job.Done}/{job.Planned} customers in {job.Pages} pages, {job.Failed} failed " +
                $"({host.Calls.FromPlugins} service calls from plugins so far)");
            if (job.Status == RecalculationStatusChoice.Failed) Failures.JobFailed(job.Name, job.Errors);
            if (job.Failed > 0) Failures.CustomersFailed(job.Name, job.Failed, PageErrors(host, job.Id), id => host.Store.Rows(Account.EntityLogicalName)
                .FirstOrDefault(a => a.Id == id)?.GetAttributeValue<string>(Account.Name));
        }

        /// <summary>The error lines every page of the job kept, in page order (the job's own column keeps only the first pages').</summary>
        private static IEnumerable<string> PageErrors(InMemoryDataverse host, Guid job) => host.Store.Rows(RecalculationPage.EntityLogicalName)
            .Where(p => p.GetAttributeValue<EntityReference>(RecalculationPage.Job)?.Id == job && p.GetAttributeValue<int>(RecalculationPage.Failed) > 0)
            .OrderBy(p => p.GetAttributeValue<int>(RecalculationPage.Number))
            .SelectMany(p => (p.GetAttributeValue<string>(RecalculationPage.Errors) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));

        private void LiveEvents(InMemoryDataverse host)
        {
            var service = host.GetService();
            var account = host.Store.Rows(Account.EntityLogicalName)
                .Where(a => a.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier)?.Value == Choice.ToOption(Domain.Value.ValueTier.Iron))
                .OrderByDescending(a => a.GetAttributeValue<Money>(CustomerColumns.GrowthPotential)?.Value ?? 0).FirstOrDefault();
            if (account == null) return;
            var before = Describe(account);
            // As the Sales app places one: the header, then the totals its pricing calculates (clients cannot write totals on create).
            var order = service.Create(new Entity(SalesOrder.EntityLogicalName)
            {
                [SalesOrder.Customer] = account.ToEntityReference(),
                ["name"] = "Live demo order",
            });
            service.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.TotalAmount] = new Money(40000m), [SalesOrder.TotalDiscountAmount] = new Money(0m) });
            service.Create(new Entity(Incident.EntityLogicalName)
            {
                ["title"] = "Live demo complaint",
                [Incident.Customer] = account.ToEntityReference(),
                [Incident.CaseTypeCode] = new OptionSetValue(Incident.CaseTypeComplaint),
            });
            var jobs = host.ProcessAsyncQueue();
            var after = Describe(host.Store.Get(Account.EntityLogicalName, account.Id));
            _out.WriteLine();
            _out.WriteLine($"Live events on '{account.GetAttributeValue<string>(Account.Name)}': a 40,000 order and a complaint case ({jobs} async recalculations ran)");
            _out.WriteLine($"  before: {before}");
            _out.WriteLine($"  after:  {after}");
            RecordACause(host);
        }

        /// <summary>An account manager records why a customer the rules found lost left: the family follows, and so does the win-back work.</summary>
        private void RecordACause(InMemoryDataverse host)
        {
            var loss = host.Store.Rows(CustomerLoss.EntityLogicalName)
                .Where(l => l.GetAttributeValue<DateTime>(Common.CreatedOn) == AsOf && !l.Contains(CustomerLoss.CauseFamily) && !l.Contains(CustomerLoss.RecoveredOn))
                .OrderBy(l => l.GetAttributeValue<string>(CustomerLoss.Name)).FirstOrDefault();
            if (loss == null) return;
            var customer = loss.GetAttributeValue<EntityReference>(CustomerLoss.Customer);
            host.GetService().Update(new Entity(CustomerLoss.EntityLogicalName, loss.Id) { [CustomerLoss.Cause] = Choice.Option<LossCause>(LossCause.CompetitorPrice) });
            host.ProcessAsyncQueue();
            var recorded = host.Store.Get(CustomerLoss.EntityLogicalName, loss.Id);
            var work = new[] { RetentionActivity.Task, RetentionActivity.PhoneCall }.SelectMany(t => host.Store.Rows(t))
                .Where(a => a.GetAttributeValue<EntityReference>(RetentionActivity.Regarding)?.Id == customer.Id
                    && a.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value == RetentionActivity.StateOpen)
                .Select(a => a.GetAttributeValue<string>(RetentionActivity.Subject));
            _out.WriteLine();
            _out.WriteLine($"An account manager records why '{host.Store.Get(customer.LogicalName, customer.Id).GetAttributeValue<string>(Account.Name)}' " +
                $"({recorded.GetAttributeValue<string>(CustomerLoss.Name)}, found lost by the rules) left: {_labels.Of<LossCause>(recorded, CustomerLoss.Cause)}");
            _out.WriteLine($"  cause family set from the cause: {_labels.Of<LossCauseFamily>(recorded, CustomerLoss.CauseFamily)}; " +
                $"tier and stage when it last bought: {_labels.Of<Domain.Value.ValueTier>(recorded, CustomerLoss.TierAtLoss)}, " +
                $"{_labels.Of<Domain.Lifecycle.LifecycleStage>(recorded, CustomerLoss.StageAtLoss)}; open retention work: {string.Join("; ", work.DefaultIfEmpty("none"))}");
        }

        private string Describe(Entity account) =>
            $"tier {_labels.Of<Domain.Value.ValueTier>(account, CustomerColumns.Tier)}, current value {account.GetAttributeValue<Money>(CustomerColumns.CurrentValue)?.Value:N0}, " +
            $"churn risk {account.GetAttributeValue<int>(CustomerColumns.ChurnRisk)}";

        /// <summary>The accounts and products the org had, and its sales written through the platform's messages, before any step of ours exists.</summary>
        private static Dictionary<string, Guid> SeedBeforeImport(InMemoryDataverse host, SampleDataset data)
        {
            var products = data.Orders.Select(o => o.ProductFamily).Distinct().ToDictionary(f => f, f =>
            {
                var product = new Entity(Product.EntityLogicalName) { ["name"] = f };
                host.Seed(product);
                return product.Id;
            });
            foreach (var a in data.Accounts)
            {
                var row = new Entity(Account.EntityLogicalName, a.Id) { [Account.Name] = a.Name };
                if (a.ParentId.HasValue) row[Account.ParentAccount] = new EntityReference(Account.EntityLogicalName, a.ParentId.Value);
                host.Seed(row);
            }
            new SalesHistory(host.GetService(), host.UtcNow).Write(data, products);
            return products;
        }

        /// <summary>
        /// The columns CrmExtensions adds, filled in by an admin's import once it is installed (with the migration bypass:
        /// the recalculation job reads them), then the rows of its own tables and the service history.
        /// </summary>
        private static void SeedAfterImport(InMemoryDataverse host, SampleDataset data, IReadOnlyDictionary<string, Guid> products)
        {
            var service = host.GetService();
            void Import(Entity row) => service.Execute(new UpdateRequest { Target = row, ["BypassBusinessLogicExecution"] = "CustomSync,CustomAsync" });
            foreach (var product in products) Import(new Entity(Product.EntityLogicalName, product.Value) { [Product.Family] = product.Key });
            foreach (var a in data.Accounts)
            {
                var row = new Entity(Account.EntityLogicalName, a.Id) { [CustomerColumns.RelationshipTypeOverride] = Choice.Option(a.RelationshipType) };
                if (a.ReferredBy.HasValue) row[CustomerColumns.ReferredBy] = new EntityReference(Account.EntityLogicalName, a.ReferredBy.Value);
                Import(row);
            }
            SampleRelationships.Seed(host, data);
            foreach (var c in data.Cases)
                host.Seed(new Entity(Incident.EntityLogicalName, c.Id)
                {
                    ["title"] = c.Title,
                    [Incident.Customer] = new EntityReference(Account.EntityLogicalName, c.AccountId),
                    [Incident.CaseTypeCode] = new OptionSetValue(c.IsComplaint ? Incident.CaseTypeComplaint : 1),
                    [Incident.StateCode] = new OptionSetValue(c.IsOpen ? Incident.StateActive : 1),
                    [Common.OverriddenCreatedOn] = c.CreatedOn,
                });
            foreach (var s in data.Surveys)
                host.Seed(new Entity(CxSurveyResponse.EntityLogicalName)
                {
                    [CxSurveyResponse.Customer] = new EntityReference(Account.EntityLogicalName, s.AccountId),
                    [CxSurveyResponse.Score] = s.Score,
                    [CxSurveyResponse.AnsweredOn] = s.AnsweredOn,
                });
        }
    }
}
