using System;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Connection;
using CrmExtensions.Dataverse.InMemory;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// Every expected failure of crmext's verbs ends in one line and a hint, exit 2 for bad input or a refused request
    /// and 1 for failed work, and no stack trace unless --verbose: bad options (refused before any connection), bad
    /// files, an unreachable org, a request the org refuses.
    /// </summary>
    public class VerbFailureTests
    {
        private const string Connection = "AuthType=ClientSecret;Url=https://test.crm.dynamics.com;ClientId=x;ClientSecret=y";
        private readonly InMemoryDataverse _host = new InMemoryDataverse(new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc));
        private int _connections;

        private (int Code, string Output) Run(params string[] args)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, _ =>
            {
                _connections++;
                return _host.GetService();
            }, _ => _host.ProcessAsyncQueue(), RepositoryLayout.Find());
            return (CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, args), writer.ToString());
        }

        internal static void AssertOneClearLine(string output, string expected)
        {
            Assert.Contains(expected, output);
            Assert.Single(output.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("Exception", output);
            Assert.Contains("hint: ", output);
        }

        [Theory]
        [InlineData("--page-size 5000", "--page-size must be between 1 and 1000, not 5000.")]
        [InlineData("--page-size 0", "--page-size must be between 1 and 1000, not 0.")]
        [InlineData("--table lead", "TableName must be 'account' or 'contact', not 'lead'")]
        [InlineData("--filter <fetch/>", "The filter must be one FetchXML <filter> element, not <fetch>.")]
        [InlineData("--filter <filter>", "The filter is not well-formed FetchXML")]
        [InlineData("--not-evaluated-for -5", "--not-evaluated-for must be at least 1, not -5.")]
        [InlineData("--timeout-minutes 0", "--timeout-minutes must be at least 1, not 0.")]
        [InlineData("--poll-seconds 0", "--poll-seconds must be between 1 and 3600, not 0.")]
        [InlineData("--follow 6f9619ff-8b86-d011-b42d-00c04fc964ff --table contact", "--follow and --table contradict each other")]
        [InlineData("--dry-run --no-wait", "--dry-run and --no-wait contradict each other")]
        public void Recalc_refuses_a_bad_option_before_it_connects(string options, string expected)
        {
            var (code, output) = Run(new[] { "recalc", "-c", Connection }.Concat(options.Split(' ')).ToArray());
            Assert.Equal(2, code);
            AssertOneClearLine(output, expected);
            Assert.Contains("hint: crmext recalc --help", output);
            Assert.Equal(0, _connections);
        }

        [Theory]
        [InlineData("--max-async-wait 0", "--max-async-wait must be between 1 and 1440, not 0.")]
        [InlineData("--zip a.zip --managed", "--zip and --managed contradict each other")]
        [InlineData("--dry-run --force-overwrite", "--dry-run and --force-overwrite contradict each other")]
        public void Deploy_refuses_a_bad_option_before_it_connects(string options, string expected)
        {
            var (code, output) = Run(new[] { "deploy", "-c", Connection }.Concat(options.Split(' ')).ToArray());
            Assert.Equal(2, code);
            AssertOneClearLine(output, expected);
            Assert.Equal(0, _connections);
        }

        [Fact]
        public void An_unknown_option_is_bad_input()
        {
            var (code, output) = Run("report", "--colour");
            Assert.Equal(2, code);
            AssertOneClearLine(output, "error: Unrecognized command or argument '--colour'");
        }

        [Theory]
        [InlineData("deploy -c C --zip /nonexistent/solution.zip", "error: no solution zip at /nonexistent/solution.zip.")]
        [InlineData("backtest --transactions /nonexistent/t.csv --as-of 1997-09-30 --holdout-until 1998-06-30", "/nonexistent/t.csv")]
        [InlineData("backtest --transactions /nonexistent/t.csv --as-of 30.09.1997 --holdout-until 1998-06-30", "error: --as-of '30.09.1997' is not a date: write yyyy-MM-dd")]
        [InlineData("demo --sample /nonexistent/sample", "/nonexistent/sample")]
        public void A_missing_or_bad_file_is_bad_input(string command, string expected)
        {
            var (code, output) = Run(command.Replace(" C ", $" {Connection} ").Split(' '));
            Assert.Equal(2, code);
            AssertOneClearLine(output, expected);
        }

        [Fact]
        public void A_request_the_org_refuses_is_bad_input_and_says_what_the_org_said()
        {
            var unknown = Guid.NewGuid();
            var (code, output) = Run("recalc", "-c", Connection, "--follow", unknown.ToString());
            Assert.Equal(2, code);
            AssertOneClearLine(output, "error: the org refused the request: ");
            Assert.Contains(unknown.ToString(), output);
        }

        [Fact]
        public void Verbose_adds_the_stack_trace()
        {
            var (code, output) = Run("recalc", "-c", Connection, "--follow", Guid.NewGuid().ToString(), "--verbose");
            Assert.Equal(2, code);
            Assert.Contains("error: the org refused the request: ", output);
            Assert.Contains("   at ", output);
        }

        [Fact]
        public void Every_verb_on_an_org_connects_with_whoami_first_and_names_the_org()
        {
            var (code, output) = Run("report", "-c", Connection);
            Assert.Equal(0, code);
            Assert.StartsWith($"Connected to inmemory (inmemory, version 9.2.0.0) as user {_host.SystemUserId} via --connection", output);
        }

        [Theory]
        [InlineData("report")]
        [InlineData("recalc")]
        [InlineData("deploy")]
        public void An_org_the_connection_string_cannot_reach_is_one_line_not_a_stack_trace(string verb)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, DataverseConnection.Open, _ => { }, RepositoryLayout.Find());
            var zip = verb == "deploy" ? new[] { "--zip", typeof(VerbFailureTests).Assembly.Location } : new string[0];
            var code = CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context,
                new[] { verb, "-c", "AuthType=ClientSecret;Url=https://\u2026;ClientId=x;ClientSecret=y" }.Concat(zip).ToArray());
            Assert.Equal(2, code);
            AssertOneClearLine(writer.ToString(), "error: could not connect to Dataverse: ");
        }
    }
}
