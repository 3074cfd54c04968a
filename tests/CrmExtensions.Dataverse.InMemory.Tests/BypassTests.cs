using System.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// The optional parameters a migration sends to load rows without custom logic (Microsoft's "Bypass custom Dataverse
    /// logic"): BypassBusinessLogicExecution skips synchronous, asynchronous or both kinds of custom step of the request's
    /// own operation, and needs prvBypassCustomBusinessLogic; BypassCustomPluginExecution skips
    /// synchronous steps only, and needs prvBypassCustomPlugins.
    /// </summary>
    public class BypassTests
    {
        private readonly InMemoryDataverse _host = StrictOrg.New();
        private readonly Recorder _recorder = Recorder.New();

        public BypassTests()
        {
            foreach (var mode in new[] { StepMode.Synchronous, StepMode.Asynchronous })
                _host.Register(new StepRegistration
                {
                    Name = $"Create of account ({mode})", Message = "Create", PrimaryEntity = "account", Stage = PipelineStage.PostOperation, Mode = mode,
                    PluginType = typeof(RecordOnly), UnsecureConfiguration = _recorder.Key,
                });
        }

        private static CreateRequest Create(string bypass, string parameter = "BypassBusinessLogicExecution")
        {
            var request = new CreateRequest { Target = new Entity("account") { ["name"] = "Migrated" } };
            if (bypass != null) request.Parameters[parameter] = parameter == "BypassCustomPluginExecution" ? (object)true : bypass;
            return request;
        }

        [Theory]
        [InlineData(null, 1, 1)]
        [InlineData("CustomSync", 0, 1)]
        [InlineData("CustomAsync", 1, 0)]
        [InlineData("CustomSync,CustomAsync", 0, 0)]
        public void The_steps_of_the_kind_bypassed_do_not_run(string bypass, int syncRuns, int asyncJobs)
        {
            _host.GetService().Execute(Create(bypass));
            _host.ProcessAsyncQueue();

            Assert.Equal(syncRuns, _recorder.Contexts.Count(c => c.Mode == 0));
            Assert.Equal(asyncJobs, _host.AsyncJobs.Count);
            Assert.Equal(1, _host.Store.Count("account"));
        }

        [Fact]
        public void The_older_parameter_skips_synchronous_steps_only()
        {
            _host.GetService().Execute(Create("true", "BypassCustomPluginExecution"));

            Assert.Empty(_recorder.Contexts);
            Assert.Single(_host.AsyncJobs);
        }

        [Theory]
        [InlineData("BypassBusinessLogicExecution", "prvBypassCustomBusinessLogic")]
        [InlineData("BypassCustomPluginExecution", "prvBypassCustomPlugins")]
        public void A_caller_without_the_privilege_is_refused_and_nothing_is_written(string parameter, string privilege)
        {
            var clerk = _host.AddUser("Clerk", "prvCreateAccount", "prvReadAccount");

            var refused = Assert.Throws<DataverseFaultException>(() => _host.GetService(clerk).Execute(Create("CustomSync", parameter)));

            Assert.Equal(ErrorCodes.PrincipalPrivilegeDenied, refused.ErrorCode);
            Assert.Contains(privilege, refused.Message);
            Assert.Equal(0, _host.Store.Count("account"));
        }

        [Fact]
        public void A_value_the_platform_does_not_know_is_refused()
        {
            var refused = Assert.Throws<DataverseFaultException>(() => _host.GetService().Execute(Create("CustomSync,Flows")));

            Assert.Equal(ErrorCodes.InvalidArgument, refused.ErrorCode);
        }

        [NeedsStandardReferenceFact]
        public void Logic_on_the_other_records_a_message_writes_is_not_bypassed()
        {
            // Microsoft's FAQ: only the plug-ins that apply to the operation itself are bypassed, not those of the records
            // the platform's own logic writes (here the order close FulfillSalesOrder records).
            _host.Register(new StepRegistration
            {
                Name = "Create of orderclose", Message = "Create", PrimaryEntity = "orderclose", Stage = PipelineStage.PostOperation, Mode = StepMode.Synchronous,
                PluginType = typeof(RecordOnly), UnsecureConfiguration = _recorder.Key,
            });
            var order = _host.GetService().Create(new Entity("salesorder") { ["name"] = "Migrated order" });
            var fulfil = new FulfillSalesOrderRequest
            {
                OrderClose = new Entity("orderclose") { ["subject"] = "Shipped", ["salesorderid"] = new EntityReference("salesorder", order) },
                Status = new OptionSetValue(-1),
            };
            fulfil.Parameters["BypassBusinessLogicExecution"] = "CustomSync,CustomAsync";

            _host.GetService().Execute(fulfil);

            Assert.Equal("orderclose", _recorder.Contexts.Single().PrimaryEntityName);
        }
    }
}
