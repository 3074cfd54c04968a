using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// What the platform does with asynchronous steps and with the context it hands steps, as Microsoft documents it:
    /// a failed system job runs again only when its plug-in asks (OperationStatus.Retry), four runs at most; ParentContext
    /// and shared variables reach a step only where the docs say the platform fills them.
    /// </summary>
    public class AsyncSemanticsTests
    {
        private readonly InMemoryDataverse _host = new InMemoryDataverse(StrictOrg.Now);
        private readonly Recorder _recorder = Recorder.New();

        private void Step<TPlugin>(string message, string table, PipelineStage stage, StepMode mode = StepMode.Synchronous, string secure = null) =>
            _host.Register(new StepRegistration
            {
                Name = $"{typeof(TPlugin).Name}: {message} of {table} ({stage})", Message = message, PrimaryEntity = table, Stage = stage, Mode = mode,
                PluginType = typeof(TPlugin), UnsecureConfiguration = _recorder.Key, SecureConfiguration = secure,
            });

        [Theory]
        [InlineData("1 fail", AsyncJobStatus.Failed, 1)]
        [InlineData("1 retry", AsyncJobStatus.Succeeded, 2)]
        [InlineData("3 retry", AsyncJobStatus.Succeeded, 4)]
        [InlineData("4 retry", AsyncJobStatus.Failed, 4)]
        public void A_failed_job_runs_again_only_when_its_plugin_asks_and_four_runs_at_most(string failures, AsyncJobStatus status, int runs)
        {
            Step<FailFirstRuns>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous, failures);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            _host.ProcessAsyncQueue();

            var job = _host.AsyncJobs.Single();
            Assert.Equal((status, runs), (job.Status, job.Attempts));
            // What a failed run wrote stays: a system job runs outside any transaction.
            Assert.Equal(runs, _host.Store.Count("task"));
        }

        [Fact]
        public void PreValidation_variables_reach_the_later_stages_of_an_update_only_through_the_parent_context()
        {
            Step<SetSharedVariable>("Update", "account", PipelineStage.PreValidation, secure: "from 10");
            Step<RecordOnly>("Update", "account", PipelineStage.PostOperation);
            _host.Seed(new Entity("account") { ["name"] = "A" });

            _host.GetService().Update(new Entity("account", _host.Store.Rows("account").Single().Id) { ["name"] = "B" });

            var post = _recorder.Contexts.Single(c => c.Stage == 40);
            Assert.False(post.SharedVariables.Contains("seen-by-10"));
            Assert.Equal("from 10", post.ParentContext.SharedVariables["seen-by-10"]);
        }

        [Fact]
        public void An_operation_a_plugin_starts_does_not_see_what_that_plugin_set_but_what_earlier_steps_set()
        {
            Step<SetSharedVariable>("Create", "account", PipelineStage.PreOperation, secure: "earlier step");
            Step<MarkThenCreateTask>("Create", "account", PipelineStage.PostOperation);
            Step<RecordOnly>("Create", "task", PipelineStage.PreOperation);

            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            var caller = _recorder.Contexts.Single(c => c.PrimaryEntityName == "task").ParentContext.ParentContext;
            Assert.Equal("earlier step", caller.SharedVariables["seen-by-20"]);
            Assert.False(caller.SharedVariables.Contains("mark"));
        }

        [Fact]
        public void An_asynchronous_step_gets_the_events_shared_variables_and_no_parent_context()
        {
            Step<SetSharedVariable>("Create", "account", PipelineStage.PostOperation, secure: "for later");
            Step<RecordOnly>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            _host.ProcessAsyncQueue();

            var job = _recorder.Contexts.Single(c => c.Mode == 1);
            Assert.Equal("for later", job.SharedVariables["seen-by-40"]);
            Assert.Null(job.ParentContext);
        }
    }
}
