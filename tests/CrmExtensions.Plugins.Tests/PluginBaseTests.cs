using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>What every plug-in gets from PluginBase: timed traces, error mapping, and a trace of what it did not expect.</summary>
    public class PluginBaseTests
    {
        public sealed class Succeeds : PluginBase
        {
            public Succeeds(string unsecure, string secure) : base(unsecure, secure) { }
            protected override void Run(LocalPluginContext context) => context.Trace("working on {0}", context.Execution.PrimaryEntityName);
        }

        public sealed class BreaksARule : PluginBase
        {
            public BreaksARule(string unsecure, string secure) : base(unsecure, secure) { }
            protected override void Run(LocalPluginContext context) => throw new DomainValidationException("The rule says no.");
        }

        public sealed class Crashes : PluginBase
        {
            public Crashes(string unsecure, string secure) : base(unsecure, secure) { }
            protected override void Run(LocalPluginContext context) => throw new InvalidOperationException("boom");
        }

        private static (InMemoryDataverse Host, Action Create) HostWith<TPlugin>()
        {
            var host = new InMemoryDataverse(Org.Now);
            host.Register(new StepRegistration { Name = typeof(TPlugin).Name, Message = "Create", PrimaryEntity = "account", Stage = PipelineStage.PreOperation, PluginType = typeof(TPlugin) });
            return (host, () => host.GetService().Create(new Entity("account") { ["name"] = "A" }));
        }

        [Fact]
        public void Every_trace_carries_the_time_since_the_previous_one_and_the_exit_the_time_taken()
        {
            var (host, create) = HostWith<Succeeds>();
            create();
            var traces = host.Traces.Select(t => t.Text).ToList();
            Assert.Equal(3, traces.Count);
            Assert.All(traces, t => Assert.Matches(@"^\[\+\d+ ms\] ", t));
            Assert.Matches(@"\] Succeeds entered: Create of account ", traces[0]);
            Assert.EndsWith("] working on account", traces[1]);
            Assert.Matches(@"\] Succeeds exited after \d+ ms$", traces[2]);
        }

        [Fact]
        public void A_broken_rule_reaches_the_user_with_its_own_message()
        {
            var (host, create) = HostWith<BreaksARule>();
            Assert.Equal("The rule says no.", Assert.Throws<InvalidPluginExecutionException>(create).Message);
            Assert.Contains(host.Traces, t => t.Text.EndsWith("] Rejected: The rule says no.", StringComparison.Ordinal));
        }

        [Fact]
        public void An_unexpected_exception_is_traced_with_its_type_and_left_to_the_platform()
        {
            var (host, create) = HostWith<Crashes>();
            var error = Assert.Throws<InvalidPluginExecutionException>(create);
            Assert.StartsWith("Unexpected exception from plug-in (Execute)", error.Message);
            Assert.Contains(host.Traces, t => t.Text.Contains("] Unexpected System.InvalidOperationException: boom"));
            Assert.Matches(@"\] Crashes exited after \d+ ms$", host.Traces.Last().Text);
        }
    }
}
