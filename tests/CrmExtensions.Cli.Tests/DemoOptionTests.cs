using System;
using System.IO;
using System.Linq;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>demo's options: the as-of day it prints and evaluates at, and scripted events only when asked for.</summary>
    public class DemoOptionTests
    {
        private static readonly RepositoryLayout Layout = RepositoryLayout.Find();

        private static (int Code, string Output) Run(params string[] args)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, _ => throw new InvalidOperationException("demo connects to no org"), _ => { }, Layout);
            return (CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, new[] { "demo" }.Concat(args).ToArray()), writer.ToString());
        }

        private static string SampleCopy()
        {
            var dir = Path.Combine(Path.GetTempPath(), "cx-sample-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            foreach (var file in Directory.GetFiles(Layout.SampleData)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            return dir;
        }

        [Fact]
        public void A_users_sample_is_evaluated_as_given_as_of_the_day_asked_for()
        {
            var (code, output) = Run("--sample", SampleCopy(), "--as-of", "2027-02-15");
            Assert.Equal(0, code);
            Assert.Contains("As of 2027-02-15\n", output.Replace("\r", ""));
            Assert.Contains("CrmExtensions report as of 2027-02-15", output);
            Assert.DoesNotContain("Live events on", output);
            Assert.DoesNotContain("An account manager records why", output);
        }

        [Fact]
        public void The_scenario_adds_the_live_events_to_a_users_sample_evaluated_as_of_the_day_after_its_newest_row()
        {
            var (code, output) = Run("--sample", SampleCopy(), "--scenario", "live-events");
            Assert.Equal(0, code);
            Assert.Contains("As of 2026-11-01 (the day after the newest sample row, 2026-10-31)", output);
            Assert.Contains("Live events on", output);
        }

        [Theory]
        [InlineData("--as-of 2026-10-31", "--as-of 2026-10-31 is not after the newest sample row (2026-10-31).")]
        [InlineData("--as-of 31/12/2026", "--as-of '31/12/2026' is not a date")]
        [InlineData("--scenario chaos", "--scenario takes live-events or none, not 'chaos'.")]
        public void Bad_demo_options_are_bad_input(string options, string expected)
        {
            var (code, output) = Run(options.Split(' '));
            Assert.Equal(2, code);
            Assert.Contains("error: " + expected, output);
            Assert.Contains("hint: ", output);
            Assert.DoesNotContain("Live events on", output);
        }
    }
}
