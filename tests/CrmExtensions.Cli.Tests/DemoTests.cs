using System;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Cli.Reports;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class DemoTests
    {
        private static readonly RepositoryLayout Layout = RepositoryLayout.Find();

        [Fact]
        public void The_demo_evaluates_every_sample_customer_across_all_four_tiers_and_reports()
        {
            var data = SampleDataset.Load(Layout.SampleData);
            Assert.True(data.Accounts.Count >= 200);
            var output = new StringWriter();
            var labels = ChoiceLabels.Load(Layout.SolutionSource);
            var runner = new DemoRunner(output, labels, DemoRunner.MorningOf(data.Newest.AddDays(1)));
            // README's figures are the shipped sample's as of the day after its newest row, with the live events.
            Assert.Equal(new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), runner.AsOf);
            var host = runner.Run(Layout.SolutionSource, data, DemoScenario.LiveEvents);
            var accounts = host.Store.Rows(Account.EntityLogicalName).ToList();
            Assert.All(accounts, a => Assert.Equal(runner.AsOf, a.GetAttributeValue<DateTime>(CustomerColumns.LastEvaluatedOn)));
            var tiers = accounts.Select(a => a.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier).Value).Distinct().Count();
            var stages = accounts.Select(a => a.GetAttributeValue<OptionSetValue>(CustomerColumns.LifecycleStage).Value).Distinct().Count();
            Assert.Equal(4, tiers);
            Assert.Equal(4, stages);
            ReportText.Write(output, CustomerReport.Build(host.GetService(), runner.AsOf, labels));
            var report = output.ToString();
            Assert.Contains("recalculation job 'Demo: calibrate and place': Completed, 334/334 customers", report);
            Assert.Contains("| Platinum |", report);
            Assert.Contains("Live events on", report);
            // Every part of issue 18 shows in the sample's report.
            Assert.Contains("== Who we know at platinum and gold accounts (contact coverage)", report);
            Assert.Contains("| Meet decision maker | task      |", report);
            // Labels users see in Dynamics, never the code's names.
            Assert.Contains("| Platinum | 13        | 70,796            | 65,534               | 206,836             | Top priority | Strengthen at any cost |", report);
            Assert.Contains("Early abort", report);
            Assert.DoesNotContain("TopPriority", report);
            Assert.DoesNotContain("EarlyAbort", report);
            Assert.DoesNotContain("OurSide", report);
            Assert.Contains("CrmExtensions report as of 2026-11-01, 334 accounts; amounts in the base currency, US Dollar (USD).", report);
            Assert.Contains("Value means profit, not revenue", report);
            Assert.True(report.IndexOf("== Platinum and Gold accounts at risk", StringComparison.Ordinal) < report.IndexOf("== Lead accounts in wind-down", StringComparison.Ordinal));
            Assert.Contains("(1 both)", report);
            Assert.DoesNotContain("…", report);
            Assert.Contains("Competitor gaining ground: ", report);
            Assert.Contains("Lost 1 opportunity to competitors", report);
            Assert.Matches(@"\| Relationship  \| \d+ ", report);
            Assert.Matches(@"\| Transactional \| \d+ ", report);
            Assert.Contains("| Contoso Group Holding 320 | 5        | Lead     |", report);
            Assert.Matches(@"\d+ losses recorded in all, not only the last 12 months the KPIs count \(\d+ by the rules after a year without a purchase, 8 closed by users\); \d+ won back", report);
            Assert.Contains("cause family set from the cause: Competitor", report);
            Assert.Contains("| Loss        | Win-back rate ", report);
            Assert.DoesNotContain("| 100 %", report.Substring(report.IndexOf("== KPIs per lifecycle phase", StringComparison.Ordinal)));
            SalesCameThroughTheSalesProcess(data, host);
        }

        /// <summary>
        /// The orders stand as FulfillSalesOrder and ConvertSalesOrderToInvoice leave them, with no submit date; an account
        /// buying in euros has every order and invoice in its ledger once, at the platform's base amount.
        /// </summary>
        private static void SalesCameThroughTheSalesProcess(SampleDataset data, Dataverse.InMemory.InMemoryDataverse host)
        {
            var orders = host.Store.Rows(SalesOrder.EntityLogicalName).ToList();
            Assert.All(orders, o => Assert.False(o.Contains(SalesOrder.SubmitDate)));
            var states = orders.GroupBy(o => o.GetAttributeValue<OptionSetValue>(SalesOrder.StateCode).Value).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(states[SalesOrder.StateInvoiced] > states[SalesOrder.StateFulfilled], string.Join(", ", states));
            var fromOrders = host.Store.Rows(Invoice.EntityLogicalName).Count(i => i.Contains(Invoice.SalesOrder));
            Assert.Equal(states[SalesOrder.StateInvoiced], fromOrders);

            var euro = data.Currencies.Single(c => c.Code == "EUR").ExchangeRate;
            var buyer = data.Orders.Where(o => o.Currency == "EUR").GroupBy(o => o.AccountId).OrderByDescending(g => g.Count()).First().Key;
            var expected = data.Orders.Where(o => o.AccountId == buyer).Select(o => o.Amount).Concat(data.Invoices.Where(i => i.AccountId == buyer).Select(i => i.Amount))
                .Sum(amount => Math.Round(amount / euro, 4)); // *_base columns carry four decimals
            var ledger = Domain.Ledger.CustomerFactsLedger.Parse(host.Store.Get(Account.EntityLogicalName, buyer).GetAttributeValue<string>(CustomerColumns.FactsLedger));
            var counted = ledger.Purchases.Live.Sum(p => p.Revenue) + ledger.Earlier.Values.Sum(t => t.Revenue);
            Assert.Equal(expected, counted);
        }

        private static string SampleCopy(Action<string> change)
        {
            var dir = Path.Combine(Path.GetTempPath(), "cx-sample-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            foreach (var file in Directory.GetFiles(Layout.SampleData)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            change(dir);
            return dir;
        }

        [Theory]
        [InlineData("orders.csv", 3, ",extra", "orders.csv(3): expected 7 values but found 8")]
        [InlineData("orders.csv", 1, ",colour", "orders.csv(1): unknown column 'colour'")]
        [InlineData("surveys.csv", 2, "x", "surveys.csv(2): score")]
        [InlineData("contacts.csv", 2, "x", "contacts.csv(2): function 'financex' must be one of user_department, technical, finance")]
        [InlineData("losses.csv", 1, "x", "losses.csv(1): unknown column 'pattern_at_lossx'")]
        public void Bad_sample_files_name_file_and_line(string file, int line, string append, string expected)
        {
            var dir = SampleCopy(d =>
            {
                var path = Path.Combine(d, file);
                var lines = File.ReadAllLines(path);
                lines[line - 1] += append;
                File.WriteAllLines(path, lines);
            });
            var error = Assert.Throws<SampleDataException>(() => SampleDataset.Load(dir));
            Assert.StartsWith(expected, error.Message);
        }

        [Fact]
        public void Unknown_accounts_and_bad_dates_are_reported()
        {
            var dir = SampleCopy(d =>
            {
                var path = Path.Combine(d, "cases.csv");
                var lines = File.ReadAllLines(path);
                var parts = lines[1].Split(',');
                parts[1] = Guid.NewGuid().ToString();
                lines[1] = string.Join(",", parts);
                File.WriteAllLines(path, lines);
            });
            Assert.Contains("cases.csv(2): account_id", Assert.Throws<SampleDataException>(() => SampleDataset.Load(dir)).Message);

            var dates = SampleCopy(d =>
            {
                var path = Path.Combine(d, "invoices.csv");
                var lines = File.ReadAllLines(path);
                var parts = lines[4].Split(',');
                parts[2] = "31/12/2025";
                lines[4] = string.Join(",", parts);
                File.WriteAllLines(path, lines);
            });
            Assert.Equal("invoices.csv(5): created_on '31/12/2025' is not a date (yyyy-MM-dd)", Assert.Throws<SampleDataException>(() => SampleDataset.Load(dates)).Message);
        }

        [Fact]
        public void A_duplicate_account_names_the_line_its_record_starts_on_and_the_first_one()
        {
            var path = "";
            string first = null;
            var dir = SampleCopy(d =>
            {
                path = Path.Combine(d, "accounts.csv");
                var lines = File.ReadAllLines(path).ToList();
                first = lines[1].Split(',')[0];
                // A name over two lines before the duplicate: its line is the file's, not the record's count.
                lines.Add(Guid.NewGuid() + ",\"Wingtip,\nToys\",,,");
                lines.Add(first + ",Contoso again,,,");
                File.WriteAllLines(path, lines);
            });
            var duplicate = File.ReadAllLines(path).Length;
            Assert.Equal($"accounts.csv({duplicate}): id '{first}' appears twice (first on line 2)", Assert.Throws<SampleDataException>(() => SampleDataset.Load(dir)).Message);
        }

        [Theory]
        [InlineData("contacts.csv", 3, "board", "contacts.csv(2): layer 'board' must be one of operational, management, decision")]
        [InlineData("losses.csv", 4, "theft", "losses.csv(2): cause 'theft' must be one of product_quality, service_quality")]
        [InlineData("accounts.csv", 3, "00000000-0000-0000-0000-000000000001", "accounts.csv(2): account")]
        [InlineData("orders.csv", 3, "JPY", "orders.csv(2): currency 'JPY' is not a currency in currencies.csv")]
        [InlineData("currencies.csv", 0, "euro", "currencies.csv(2): code 'euro' is not a three-letter ISO currency code")]
        [InlineData("currencies.csv", 0, "GBP", "currencies.csv(3): code 'GBP' appears twice")]
        public void Unknown_layers_causes_parents_and_currencies_are_reported(string file, int column, string value, string expected)
        {
            var dir = SampleCopy(d =>
            {
                var path = Path.Combine(d, file);
                var lines = File.ReadAllLines(path);
                var parts = lines[1].Split(',');
                parts[column] = value;
                lines[1] = string.Join(",", parts);
                File.WriteAllLines(path, lines);
            });
            Assert.StartsWith(expected, Assert.Throws<SampleDataException>(() => SampleDataset.Load(dir)).Message);
        }
    }
}
