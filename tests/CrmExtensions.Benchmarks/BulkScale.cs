using System;
using System.Diagnostics;
using System.IO;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Steps;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// Bulk recalculation through the registered cx_BulkRecalculate Custom API at growing sizes (10 orders per account),
    /// in the in-memory host: elapsed time, requests per 100 accounts, peak working set, and cost per order (linearity).
    /// </summary>
    internal static class BulkScale
    {
        public static readonly DateTime AsOf = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

        public const int PageSize = 2500;

        public static void Run(int[] accountCounts, string solutionSource)
        {
            Console.WriteLine();
            Console.WriteLine($"Bulk recalculation (cx_BulkRecalculate, pages of {PageSize:N0}, 10 orders per account). First run: no ledgers yet, each page is");
            Console.WriteLine("read in full and the ledgers are built. Re-run: every customer re-evaluated from its ledger (e.g. after new thresholds).");
            Console.WriteLine("\"calls\" are IOrganizationService calls made inside the platform (an ExecuteMultiple counts once; \"in batches\" the requests it");
            Console.WriteLine("carries); \"API calls\" are the requests the caller sends (one cx_BulkRecalculate per page).");
            Console.WriteLine("\"heap kept\" is managed heap after minus before the run, per account: what the run leaves stored (ledger, plan,");
            Console.WriteLine("activities) — constant per account means nothing accumulates across pages; the peak includes the seeded data.");
            Console.WriteLine("| accounts | orders    | run       | seconds | µs/order | API calls | calls  | in batches | calls/100 accounts | heap kept/account | peak working set |");
            Console.WriteLine("|----------|-----------|-----------|---------|----------|-----------|--------|------------|--------------------|-------------------|------------------|");
            foreach (var accounts in accountCounts)
            {
                var host = new InMemoryDataverse(AsOf);
                host.LoadSolution(solutionSource, typeof(EnforceTierChange).Assembly);
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
                            [SalesOrder.TotalAmountBase] = new Money(size),
                            [SalesOrder.TotalDiscountAmountBase] = new Money(0m),
                            [SalesOrder.SubmitDate] = AsOf.AddDays(-random.Next(1, 720)),
                        });
                }
                foreach (var run in new[] { "first run", "re-run" })
                {
                    host.Calls.Reset();
                    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                    var watch = Stopwatch.StartNew();
                    var apiCalls = Recalculate(host.GetService());
                    watch.Stop();
                    var orders = accounts * 10;
                    var calls = host.Calls.FromPlugins;
                    var kept = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1024.0 / accounts;
                    var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
                    Console.WriteLine($"| {accounts,8:N0} | {orders,9:N0} | {run,-9} | {watch.Elapsed.TotalSeconds,7:0.0} | {watch.Elapsed.TotalMilliseconds * 1000 / orders,8:0.0} " +
                        $"| {apiCalls,9:N0} | {calls,6:N0} | {host.Calls.Batched,10:N0} | {calls * 100.0 / accounts,18:0.00} | {kept,14:0.0} KB | {peak,13:N0} MB |");
                }
            }
            Console.WriteLine("Targets: 100,000 accounts / 1,000,000 orders < 30 s; ≤ 1 request per 100 accounts; µs/order flat as size grows (linear cost).");
        }

        /// <summary>Calls cx_BulkRecalculate from its checkpoint until it reports completion; returns how many calls that took.</summary>
        private static int Recalculate(IOrganizationService service)
        {
            string checkpoint = null;
            for (var calls = 1; ; calls++)
            {
                var response = service.Execute(new BulkRecalculateRequest { PageSize = PageSize, MaxPages = 1, Checkpoint = checkpoint });
                if (response.Completed) return calls;
                checkpoint = response.NextCheckpoint;
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
