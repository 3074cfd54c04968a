using System;
using System.Diagnostics;
using System.IO;
using CrmExtensions.Dataverse.InMemory;
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

        public static void Run(int[] accountCounts, string solutionSource)
        {
            Console.WriteLine();
            Console.WriteLine("Bulk recalculation (cx_BulkRecalculate, pages of 250, 10 orders per account)");
            Console.WriteLine("| accounts | orders    | seed s | recalc s | µs/order | requests | in batches | requests/100 accounts | peak working set |");
            Console.WriteLine("|----------|-----------|--------|----------|----------|----------|------------|-----------------------|------------------|");
            double? firstPerOrder = null;
            foreach (var accounts in accountCounts)
            {
                var host = new InMemoryDataverse(AsOf);
                host.LoadSolution(solutionSource, typeof(EnforceTierChange).Assembly);
                var seed = Stopwatch.StartNew();
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
                seed.Stop();
                host.Calls.Reset();
                var service = host.GetService();
                var run = Stopwatch.StartNew();
                string checkpoint = null;
                while (true)
                {
                    var request = new OrganizationRequest("cx_BulkRecalculate") { ["PageSize"] = 250, ["MaxPages"] = 40 };
                    if (checkpoint != null) request["Checkpoint"] = checkpoint;
                    var response = service.Execute(request);
                    if ((bool)response["Completed"]) break;
                    checkpoint = (string)response["NextCheckpoint"];
                }
                run.Stop();
                var orders = accounts * 10;
                var perOrder = run.Elapsed.TotalMilliseconds * 1000 / orders;
                firstPerOrder = firstPerOrder ?? perOrder;
                var requests = host.Calls.Total;
                var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
                Console.WriteLine($"| {accounts,8:N0} | {orders,9:N0} | {seed.Elapsed.TotalSeconds,6:0.0} | {run.Elapsed.TotalSeconds,8:0.0} | {perOrder,8:0.0} | {requests,8:N0} | {host.Calls.Batched,10:N0} | {requests * 100.0 / accounts,21:0.00} | {peak,13:N0} MB |");
            }
            Console.WriteLine("Targets: 100,000 accounts / 1,000,000 orders < 30 s; ≤ 1 request per 100 accounts; µs/order flat as size grows (linear cost).");
        }

        public static string FindSolutionSource()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln"))) return Path.Combine(dir.FullName, "Solution", "src");
            throw new DirectoryNotFoundException("CrmExtensions.sln not found.");
        }
    }
}
