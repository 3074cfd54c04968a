using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CrmExtensions.Cli;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// Recalculation jobs at growing sizes (10 orders per account) in the in-memory host, the pages run by its async
    /// service on several workers: wall time, platform calls per customer, failures, evaluations per customer, memory.
    /// </summary>
    internal static class JobScale
    {
        public static readonly DateTime AsOf = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

        public const int Workers = 4;

        public static void Run(int[] accountCounts, string solutionSource)
        {
            Console.WriteLine();
            Console.WriteLine($"Recalculation jobs (cx_StartRecalculation, pages of the default size, {Workers} async workers, 10 orders per account).");
            Console.WriteLine("First run: no ledgers yet, each page reads its customers in full and builds the ledgers (and creates their retention");
            Console.WriteLine("activities). Re-run: every customer re-evaluated from its ledger (e.g. after new thresholds). Nightly: the nightly flow's");
            Console.WriteLine("job, every customer read in full again (Rebuild), so what an event never delivered is restored. \"calls\" are every");
            Console.WriteLine("IOrganizationService call made inside the platform (plan, pages, job progress, and the steps the writes trigger);");
            Console.WriteLine("\"evaluations/customer\" counts the customer writes per customer (max over customers); \"heap kept\" is what the run");
            Console.WriteLine("leaves stored per account (ledger, plan, activities, page rows); the peak includes the seeded data.");
            Console.WriteLine("| accounts | orders    | run       | seconds | µs/order | pages | calls     | calls/customer | failed | evaluations/customer | heap kept/account | peak working set |");
            Console.WriteLine("|----------|-----------|-----------|---------|----------|-------|-----------|----------------|--------|----------------------|-------------------|------------------|");
            foreach (var accounts in accountCounts)
            {
                var host = new InMemoryDataverse(AsOf) { AsyncWorkers = Workers };
                ProductFolders.LoadInto(host, solutionSource);
                Seed(host, accounts);
                var writes = new ConcurrentDictionary<Guid, int>();
                host.FaultInjector = (request, scope) =>
                {
                    if (scope.Depth > 0 && request.RequestName == "Update" && request["Target"] is Entity e && e.LogicalName == Account.EntityLogicalName)
                        writes.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
                    return null;
                };
                foreach (var run in new[] { "first run", "re-run", "nightly" })
                {
                    writes.Clear();
                    host.Calls.Reset();
                    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                    var watch = Stopwatch.StartNew();
                    var id = host.GetService().Execute(new StartRecalculationRequest { Name = run, Rebuild = run == "nightly" }).JobId;
                    host.ProcessAsyncQueue();
                    watch.Stop();
                    var job = host.GetService().Retrieve(RecalculationJob.EntityLogicalName, id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));
                    var orders = accounts * 10;
                    var calls = host.Calls.FromPlugins;
                    var kept = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1024.0 / accounts;
                    var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
                    var done = job.GetAttributeValue<int>(RecalculationJob.Done);
                    if (done != accounts) throw new InvalidOperationException($"The job did {done} of {accounts} customers: {job.GetAttributeValue<string>(RecalculationJob.Errors)}");
                    var pages = job.GetAttributeValue<int>(RecalculationJob.Pages);
                    var failed = job.GetAttributeValue<int>(RecalculationJob.Failed);
                    var evaluations = writes.Count == 0 ? 0 : writes.Values.Max();
                    Console.WriteLine($"| {accounts,8:N0} | {orders,9:N0} | {run,-9} | {watch.Elapsed.TotalSeconds,7:0.0} | {watch.Elapsed.TotalMilliseconds * 1000 / orders,8:0.0} " +
                        $"| {pages,5:N0} | {calls,9:N0} | {calls / (double)accounts,14:0.000} | {failed,6:N0} | {evaluations,20} | {kept,14:0.0} KB | {peak,13:N0} MB |");
                }
            }
            Console.WriteLine("Targets: platform calls per customer ≤ 1.2 (one write plus its share of the page reads), failures 0, one evaluation per customer.");
        }

        private static void Seed(InMemoryDataverse host, int accounts)
        {
            var random = new Random(7);
            for (var i = 0; i < accounts; i++)
            {
                var account = new Entity(Account.EntityLogicalName) { [Account.Name] = "Customer " + i };
                host.Seed(account);
                var reference = account.ToEntityReference();
                var size = 200m + random.Next(0, 5000);
                for (var o = 0; o < 10; o++)
                    host.Seed(new Entity(SalesOrder.EntityLogicalName)
                    {
                        [SalesOrder.Customer] = reference,
                        [SalesOrder.TotalAmount] = new Money(size),
                        [SalesOrder.TotalDiscountAmount] = new Money(0m),
                        [Common.OverriddenCreatedOn] = AsOf.AddDays(-random.Next(1, 720)),
                    });
            }
        }

        public static string FindSolutionSource()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln"))) return Path.Combine(dir.FullName, "Solution", "src");
            throw new DirectoryNotFoundException("CrmExtensions.sln not found.");
        }
    }
}
