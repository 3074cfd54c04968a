using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// A failed service call inside a synchronous pipeline's transaction rolls it back on the platform: a plug-in that
    /// catches the failure and goes on cannot save the operation (IsvTransactionCount), and its later calls find no
    /// transaction. Outside a transaction (an asynchronous step) a caught failure is the plug-in's business.
    /// </summary>
    public class TransactionTests
    {
        private readonly InMemoryDataverse _host = new InMemoryDataverse(StrictOrg.Now);
        private readonly Recorder _recorder = Recorder.New();

        private void Step<TPlugin>(string message, string table, PipelineStage stage, StepMode mode = StepMode.Synchronous, string secure = null)
        {
            _host.Register(new StepRegistration
            {
                Name = $"{typeof(TPlugin).Name}: {message} of {table}", Message = message, PrimaryEntity = table, Stage = stage, Mode = mode,
                PluginType = typeof(TPlugin), UnsecureConfiguration = _recorder.Key, SecureConfiguration = secure,
            });
        }

        [Fact]
        public void A_failed_call_a_plugin_catches_inside_the_transaction_fails_the_operation()
        {
            Step<SwallowFailedCall>("Create", "account", PipelineStage.PostOperation);

            var error = Assert.Throws<DataverseFaultException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "A" }));

            Assert.Equal(ErrorCodes.IsvTransactionCount, error.ErrorCode);
            Assert.Equal(-2146893812, error.ErrorCode);
            Assert.Contains("caught", _recorder.Events);
            Assert.Empty(_host.Store.Rows("account"));
        }

        [Fact]
        public void A_plugins_refusal_reaches_the_plugin_that_made_the_call_as_a_service_fault()
        {
            Step<CreateTaskNotingFaults>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous);
            Step<Reject>("Create", "task", PipelineStage.PreOperation);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            _host.ProcessAsyncQueue();

            Assert.Contains($"fault {ErrorCodes.IsvAborted}: Rejected by fixture.", _recorder.Events);
            Assert.Equal(AsyncJobStatus.Succeeded, _host.AsyncJobs.Single().Status);
        }

        [Fact]
        public void A_call_after_the_failure_finds_no_transaction()
        {
            Step<SwallowFailedCall>("Create", "account", PipelineStage.PreOperation, secure: "carry on");

            var error = Assert.Throws<DataverseFaultException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "A" }));

            Assert.Equal(ErrorCodes.TransactionNotStarted, error.ErrorCode);
            Assert.Empty(_host.Store.Rows("account"));
            Assert.Empty(_host.Store.Rows("task"));
        }

        [Fact]
        public void A_plugin_that_asks_without_a_failing_call_saves_the_operation()
        {
            Step<QueryThenWrite>("Create", "account", PipelineStage.PostOperation);

            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            Assert.Single(_host.Store.Rows("account"));
            Assert.Single(_host.Store.Rows("task"));
        }

        [Fact]
        public void Outside_a_transaction_a_caught_failure_is_the_plugins_business()
        {
            Step<SwallowFailedCall>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous, secure: "carry on");
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            _host.ProcessAsyncQueue();

            Assert.Equal(AsyncJobStatus.Succeeded, _host.AsyncJobs.Single().Status);
            Assert.Single(_host.Store.Rows("task"));
        }
    }
}
