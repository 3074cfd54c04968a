using System;
using System.IO;
using System.Text.Json;
using CrmExtensions.Dataverse.InMemory;
using Spectre.Console;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>--json: the output is one JSON document a pipeline parses; what the verb says meanwhile goes to the error stream.</summary>
    public class JsonOutputTests
    {
        private const string Connection = "AuthType=ClientSecret;Url=https://test.crm.dynamics.com;ClientId=x;ClientSecret=y";

        private static (int Code, JsonElement Json, string Error) Run(params string[] args)
        {
            var host = new InMemoryDataverse(new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc));
            var output = new StringWriter();
            var error = new StringWriter();
            var context = new CliContext(output, error, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error), Interactive = InteractionSupport.No }),
                _ => host.GetService(), _ => host.ProcessAsyncQueue());
            var code = CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, args);
            return (code, JsonDocument.Parse(output.ToString()).RootElement, error.ToString());
        }

        [Fact]
        public void Report_prints_its_sections_as_json_and_says_where_it_connected_on_the_error_stream()
        {
            var (code, json, error) = Run("report", "--json", "-c", Connection);
            Assert.Equal(0, code);
            Assert.Contains("Connected to", error);
            Assert.StartsWith("CrmExtensions report as of ", json.GetProperty("preamble")[0].GetString());
            var tiers = json.GetProperty("sections")[0].GetProperty("tables")[0];
            Assert.Equal("Platinum", tiers[0].GetProperty("tier").GetString());
            Assert.Equal("Strengthen at any cost", tiers[0].GetProperty("strategy").GetString());
        }

        [Fact]
        public void Backtest_prints_its_measures_and_verdict_as_json()
        {
            var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var file = Path.Combine(Path.GetTempPath(), $"cx-backtest-{Guid.NewGuid():N}.csv");
            File.WriteAllLines(file, SimulatedPurchases.Csv(3, 270, 1, 10, customers: 300, start, joinDays: 1095, untilDays: 1095 + 182, seed: 7));
            try
            {
                var (code, json, _) = Run("backtest", "--json", "--transactions", file, "--as-of", "2022-12-30", "--holdout-until", "2023-06-30");
                Assert.Equal(0, code);
                Assert.StartsWith("Backtest: 300 customers", json.GetProperty("preamble")[0].GetString());
                var sections = json.GetProperty("sections");
                Assert.Contains("churn ROC AUC", sections[0].GetProperty("tables")[0][0].GetProperty("measure").GetString());
                Assert.StartsWith("Verdict: ", sections[sections.GetArrayLength() - 1].GetProperty("notes")[0].GetString());
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
