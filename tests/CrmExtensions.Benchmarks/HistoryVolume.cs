using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Cli.Jobs;
using CrmExtensions.Cli;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Steps;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// How much score history the sample dataset's life makes: its accounts are evaluated once, then every order (with
    /// its line), invoice, case and survey arrives as a platform event in date order, the clock at the event's date, and
    /// the history is counted: rows per 1,000 events, what moved, what the retention left, and what the recording step cost.
    /// </summary>
    internal static class HistoryVolume
    {
        private sealed class Event
        {
            public DateTime On;
            public Action<IOrganizationService> Raise;
        }

        public static void Run(string solutionSource)
        {
            var data = SampleDataset.Load(Path.Combine(Path.GetDirectoryName(solutionSource), "sample"));
            var start = data.Orders.Min(o => o.OrderedOn).Date;
            var host = new InMemoryDataverse(start.AddDays(-1));
            ProductFolders.LoadInto(host, solutionSource);
            var families = data.Orders.Select(o => o.ProductFamily).Distinct().ToDictionary(f => f, f =>
            {
                var product = new Entity(Product.EntityLogicalName) { ["name"] = f, [Product.Family] = f };
                host.Seed(product);
                return product.ToEntityReference();
            });
            // The org's currencies, as an admin adds them: orders and invoices are written in theirs.
            var currencies = data.Currencies.ToDictionary(c => c.Code, c => new EntityReference(TransactionCurrency.EntityLogicalName, host.GetService().Create(
                new Entity(TransactionCurrency.EntityLogicalName)
                {
                    [TransactionCurrency.Name] = c.Name, [TransactionCurrency.IsoCode] = c.Code, [TransactionCurrency.Symbol] = c.Symbol, [TransactionCurrency.Precision] = 2,
                    [TransactionCurrency.ExchangeRate] = c.ExchangeRate,
                })));
            var events = Events(data, families, currencies).OrderBy(e => e.On).ToList();
            foreach (var a in data.Accounts) host.Seed(new Entity(Account.EntityLogicalName, a.Id) { [Account.Name] = a.Name });
            var service = host.GetService();
            JobFollower.Run(service, new StartRecalculationRequest { Name = "First evaluation", PageSize = 1000 }, () => host.ProcessAsyncQueue(), null);
            var placed = host.Store.Rows(CustomerScoreChange.EntityLogicalName).Count();
            host.Calls.Reset();

            var watch = Stopwatch.StartNew();
            foreach (var e in events)
            {
                host.Clock = () => e.On;
                e.Raise(service);
                host.ProcessAsyncQueue();
            }
            watch.Stop();
            var rows = host.Store.Rows(CustomerScoreChange.EntityLogicalName).ToList();
            var pruned = host.Calls.For("Delete");
            // The recording step's only call is the row's Create (its settings come from the per-organisation cache).
            var created = host.Calls.FromStep(nameof(RecordScoreChange));
            var perThousand = 1000.0 * created / events.Count;
            Console.WriteLine();
            Console.WriteLine($"Score history over the sample's life ({data.Accounts.Count} accounts; {events.Count:N0} events from {events[0].On:yyyy-MM-dd} to {events[^1].On:yyyy-MM-dd}, " +
                $"each raised at its date; {placed} first placements by the initial job not counted)");
            Console.WriteLine("| measure                                         | value |");
            Console.WriteLine("|-------------------------------------------------|-------|");
            Console.WriteLine($"| history rows written by events                  | {created,5:N0} |");
            Console.WriteLine($"| rows per 1,000 events                           | {perThousand,5:0} |");
            foreach (var (label, column) in new[] { ("kept rows that moved the tier", CustomerScoreChange.TierTo), ("kept rows that moved the churn risk band", CustomerScoreChange.ChurnBandTo),
                         ("kept rows that moved the lifecycle stage", CustomerScoreChange.StageTo), ("kept rows that moved the loyalty level", CustomerScoreChange.LoyaltyTo) })
                Console.WriteLine($"| {label,-47} | {rows.Count(r => r.Contains(column)),5:N0} |");
            Console.WriteLine($"| rows removed past the retention period (730 d)  | {pruned,5:N0} |");
            Console.WriteLine($"| rows kept at the end                            | {rows.Count,5:N0} |");
            var mostOfOne = rows.GroupBy(r => r.GetAttributeValue<EntityReference>(CustomerScoreChange.Customer).Id).Max(g => g.Count());
            Console.WriteLine($"| most rows of one customer                       | {mostOfOne,5:N0} |");
            Console.WriteLine($"| RecordScoreChange calls per event               | {created / (double)events.Count,5:0.00} |");
            Console.WriteLine($"| PruneScoreHistory calls per row written         | {host.Calls.FromStep(nameof(PruneScoreHistory)) / (double)Math.Max(created, 1),5:0.00} |");
            Console.WriteLine($"| replay time per event, ms (host included)       | {watch.Elapsed.TotalMilliseconds / events.Count,5:0.00} |");
        }

        private static IEnumerable<Event> Events(SampleDataset data, IReadOnlyDictionary<string, EntityReference> families, IReadOnlyDictionary<string, EntityReference> currencies)
        {
            // A row in the base currency names none (the platform fills it in).
            Entity InCurrency(Entity row, string code)
            {
                if (code != null) row[TransactionCurrency.Lookup] = currencies[code];
                return row;
            }
            Entity Customer(Guid id) => new Entity(Account.EntityLogicalName, id);
            foreach (var o in data.Orders)
                yield return new Event
                {
                    On = o.OrderedOn.Date.AddHours(12),
                    Raise = s =>
                    {
                        // As the Sales app places an order on the day (the clock stands there): the header, its line, then the totals its pricing calculates.
                        var order = s.Create(InCurrency(new Entity(SalesOrder.EntityLogicalName) { [SalesOrder.Customer] = Customer(o.AccountId).ToEntityReference() }, o.Currency));
                        s.Create(new Entity(SalesOrderDetail.EntityLogicalName)
                        {
                            [SalesOrderDetail.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order),
                            [SalesOrderDetail.Product] = families[o.ProductFamily],
                        });
                        s.Update(new Entity(SalesOrder.EntityLogicalName, order)
                        {
                            [SalesOrder.TotalAmount] = new Money(o.Amount),
                            [SalesOrder.TotalDiscountAmount] = new Money(o.Discount),
                        });
                    },
                };
            foreach (var i in data.Invoices)
                yield return new Event
                {
                    On = i.CreatedOn.Date.AddHours(12),
                    Raise = s =>
                    {
                        var invoice = s.Create(InCurrency(new Entity(Invoice.EntityLogicalName)
                        {
                            [Invoice.Customer] = Customer(i.AccountId).ToEntityReference(),
                            [Common.OverriddenCreatedOn] = i.CreatedOn,
                        }, i.Currency));
                        s.Update(new Entity(Invoice.EntityLogicalName, invoice)
                        {
                            [Invoice.TotalAmount] = new Money(i.Amount),
                            [Invoice.TotalDiscountAmount] = new Money(i.Discount),
                        });
                    },
                };
            foreach (var c in data.Cases)
                yield return new Event
                {
                    On = c.CreatedOn.Date.AddHours(12),
                    Raise = s => s.Create(new Entity(Incident.EntityLogicalName)
                    {
                        ["title"] = c.Title,
                        [Incident.Customer] = Customer(c.AccountId).ToEntityReference(),
                        [Incident.CaseTypeCode] = new OptionSetValue(c.IsComplaint ? Incident.CaseTypeComplaint : 1),
                    }),
                };
            foreach (var v in data.Surveys)
                yield return new Event
                {
                    On = v.AnsweredOn.Date.AddHours(12),
                    Raise = s => s.Create(new Entity(CxSurveyResponse.EntityLogicalName)
                    {
                        [CxSurveyResponse.Customer] = Customer(v.AccountId).ToEntityReference(),
                        [CxSurveyResponse.Score] = v.Score,
                        [CxSurveyResponse.AnsweredOn] = v.AnsweredOn,
                    }),
                };
        }
    }
}
