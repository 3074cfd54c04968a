using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// One execution's 2-minute limit, counted as service calls at the host's cost per call (2,400 calls at 50 ms), and
    /// the depth limit a chain of automations meets, synchronous or through asynchronous steps.
    /// </summary>
    public class ExecutionLimitsTests
    {
        private readonly InMemoryDataverse _host = new InMemoryDataverse(StrictOrg.Now);
        private readonly Recorder _recorder = Recorder.New();

        private void Step<TPlugin>(string message, PipelineStage stage, StepMode mode, string secure = null) =>
            _host.Register(new StepRegistration
            {
                Name = typeof(TPlugin).Name, Message = message, PrimaryEntity = "account", Stage = stage, Mode = mode,
                PluginType = typeof(TPlugin), UnsecureConfiguration = _recorder.Key, SecureConfiguration = secure,
            });

        [Fact]
        public void Two_minutes_are_2400_calls_at_50_ms()
        {
            Assert.Equal(2400, _host.CallsPerExecution);
        }

        [Theory]
        [InlineData(2400, AsyncJobStatus.Succeeded)]
        [InlineData(2401, AsyncJobStatus.Failed)]
        public void An_asynchronous_run_past_its_calls_is_stopped_and_not_run_again(int calls, AsyncJobStatus status)
        {
            Step<CallMany>("Create", PipelineStage.PostOperation, StepMode.Asynchronous, calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            _host.ProcessAsyncQueue();

            var job = _host.AsyncJobs.Single();
            Assert.Equal((status, 1), (job.Status, job.Attempts));
            if (status == AsyncJobStatus.Failed) Assert.Contains("within the 2:20-minute limit", job.Errors.Single());
        }

        [Fact]
        public void A_synchronous_operation_past_its_calls_fails_and_rolls_back_whatever_the_plugin_caught()
        {
            Step<CallMany>("Create", PipelineStage.PostOperation, StepMode.Synchronous, "2401");

            var error = Assert.Throws<DataverseFaultException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "A" }));

            Assert.Equal(ErrorCodes.SandboxWorkerPluginExecuteTimeout, error.ErrorCode);
            Assert.Contains("caught", _recorder.Events);
            Assert.Empty(_host.Store.Rows("account"));
        }

        [Fact]
        public void A_chain_of_asynchronous_steps_meets_the_depth_limit_too()
        {
            Step<TouchSelf>("Update", PipelineStage.PostOperation, StepMode.Asynchronous);
            var account = new Entity("account") { ["name"] = "A" };
            _host.Seed(account);
            _host.GetService().Update(new Entity("account", account.Id) { ["name"] = "B" });

            _host.ProcessAsyncQueue();

            // Depths 1..7 write and raise the next; the step at depth 8 writes at depth 9, which the platform cancels.
            Assert.Equal(8, _host.AsyncJobs.Count);
            Assert.All(_host.AsyncJobs.Take(7), j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            Assert.Contains("infinite loop", _host.AsyncJobs.Last().Errors.Single());
            Assert.Equal(7, _host.Store.Get("account", account.Id).GetAttributeValue<int>("numberofemployees"));
        }
    }
}
