using System;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Demo;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>demo names the customers its jobs could not evaluate, one line each, at most ten.</summary>
    public class DemoFailureTests
    {
        [Fact]
        public void Failed_customers_are_named_with_their_reason_at_most_ten_then_how_many_more()
        {
            var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
            var failures = new DemoFailures();
            failures.JobFailed("Demo: calibrate and place", "the plan could not be read");
            failures.CustomersFailed("Demo: first evaluation", 14, ids.Select(id => $"account {id}: Amount is negative"),
                id => id == ids[0] ? "Contoso 1" : null);
            var text = new StringWriter();
            failures.WriteTo(text);
            var lines = text.ToString().Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(15, failures.Count);
            Assert.Equal("error: 15 failures in the demo's recalculation jobs:", lines[0]);
            Assert.Equal("  job 'Demo: calibrate and place' failed: the plan could not be read", lines[1]);
            Assert.Equal($"  Contoso 1 ({ids[0]}): Amount is negative in 'Demo: first evaluation'", lines[2]);
            Assert.Equal($"  account {ids[1]}: Amount is negative in 'Demo: first evaluation'", lines[3]);
            Assert.Equal("  and 5 more", lines[11]);
            Assert.StartsWith("hint: ", lines[12]);
            Assert.Equal(13, lines.Length);
        }
    }
}
