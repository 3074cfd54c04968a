using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    public class PipelineTests
    {
        private readonly InMemoryDataverse _host = new InMemoryDataverse(new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));
        private readonly Recorder _recorder = Recorder.New();

        private StepRegistration Step<TPlugin>(string message, string entity, PipelineStage stage, StepMode mode = StepMode.Synchronous, int rank = 1, params string[] filtering)
        {
            var step = new StepRegistration
            {
                Name = $"{typeof(TPlugin).Name}: {message} of {entity} ({stage})",
                Message = message,
                PrimaryEntity = entity,
                Stage = stage,
                Mode = mode,
                Rank = rank,
                PluginType = typeof(TPlugin),
                UnsecureConfiguration = _recorder.Key,
            };
            foreach (var attribute in filtering) step.FilteringAttributes.Add(attribute);
            _host.Register(step);
            return step;
        }

        private Guid SeedAccount(string name = "Contoso") => CreateSeeded(new Entity("account") { ["name"] = name, ["revenue"] = new Money(100m) });

        private Guid CreateSeeded(Entity entity)
        {
            _host.Seed(entity);
            return entity.Id;
        }

        [Fact]
        public void Sync_stages_run_in_platform_order_and_async_waits_for_the_queue()
        {
            Step<RecordOnly>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous);
            Step<RecordOnly>("Create", "account", PipelineStage.PostOperation, rank: 2);
            Step<StampDescription>("Create", "account", PipelineStage.PostOperation, rank: 1);
            Step<RecordOnly>("Create", "account", PipelineStage.PreOperation);
            Step<RecordOnly>("Create", "account", PipelineStage.PreValidation);

            _host.GetService().Create(new Entity("account") { ["name"] = "A" });

            Assert.Equal(new[] { "RecordOnly:Create:10:1", "RecordOnly:Create:20:1", "StampDescription:Create:40:1", "RecordOnly:Create:40:1" }, _recorder.Events);
            Assert.Equal(1, _host.PendingAsyncJobs);
            Assert.Equal(1, _host.ProcessAsyncQueue());
            Assert.Equal("RecordOnly:Create:40:1", _recorder.Events.Last());
            Assert.Equal(1, _recorder.Contexts.Last().Mode);
        }

        [Fact]
        public void PreOperation_changes_to_Target_are_saved_but_PostOperation_changes_are_not()
        {
            Step<StampDescription>("Update", "account", PipelineStage.PreOperation);
            var id = SeedAccount();
            _host.GetService().Update(new Entity("account", id) { ["name"] = "Renamed" });
            Assert.Equal("stamped at 20", _host.GetService().Retrieve("account", id, new ColumnSet("description")).GetAttributeValue<string>("description"));

            var host2 = new InMemoryDataverse();
            host2.Register(new StepRegistration { Message = "Update", PrimaryEntity = "account", Stage = PipelineStage.PostOperation, PluginType = typeof(StampDescription),
                UnsecureConfiguration = _recorder.Key });
            var account = new Entity("account") { ["name"] = "B" };
            host2.Seed(account);
            host2.GetService().Update(new Entity("account", account.Id) { ["name"] = "Renamed" });
            Assert.False(host2.GetService().Retrieve("account", account.Id, new ColumnSet(true)).Contains("description"));
        }

        [Fact]
        public void An_exception_in_a_sync_step_rolls_back_every_write_of_the_operation()
        {
            Step<CreateFollowUpTask>("Create", "account", PipelineStage.PostOperation, rank: 1);
            Step<Reject>("Create", "account", PipelineStage.PostOperation, rank: 2);

            var error = Assert.Throws<InvalidPluginExecutionException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "Doomed" }));

            Assert.Equal("Rejected by fixture.", error.Message);
            Assert.Equal(0, _host.Store.Count("account"));
            Assert.Equal(0, _host.Store.Count("task"));
            Assert.Contains("CreateFollowUpTask:Create:40:1", _recorder.Events);
        }

        [Fact]
        public void Rolled_back_operation_queues_no_async_job()
        {
            Step<RecordOnly>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous);
            Step<Reject>("Create", "account", PipelineStage.PostOperation);
            Assert.Throws<InvalidPluginExecutionException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "X" }));
            Assert.Equal(0, _host.PendingAsyncJobs);
        }

        [Fact]
        public void A_top_level_PreValidation_step_runs_outside_the_transaction()
        {
            Step<CreateFollowUpTask>("Create", "account", PipelineStage.PreValidation);
            Step<Reject>("Create", "account", PipelineStage.PreOperation);
            Assert.Throws<InvalidPluginExecutionException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "X" }));
            Assert.Equal(0, _host.Store.Count("account"));
            Assert.Equal(1, _host.Store.Count("task"));
            Assert.False(_recorder.Contexts[0].IsInTransaction);
        }

        [Fact]
        public void Other_exceptions_surface_as_unexpected_plugin_errors_and_roll_back()
        {
            Step<CreateFollowUpTask>("Create", "account", PipelineStage.PostOperation);
            _host.FaultInjector = (request, scope) => scope.Depth > 0 ? new TimeoutException("boom") : null;
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _host.GetService().Create(new Entity("account") { ["name"] = "X" }));
            Assert.StartsWith("Unexpected exception from plug-in (Execute)", error.Message);
            Assert.Contains("boom", error.Message);
            Assert.Equal(0, _host.Store.Count("account"));
        }

        [Fact]
        public void Images_carry_the_registered_columns_before_and_after_the_core_operation()
        {
            var step = Step<RecordOnly>("Update", "account", PipelineStage.PostOperation);
            step.Images.Add(new StepImage("pre", ImageType.PreImage, new[] { "name" }));
            step.Images.Add(new StepImage("post", ImageType.PostImage, Array.Empty<string>()));
            var pre = Step<RecordOnly>("Update", "account", PipelineStage.PreOperation);
            pre.Images.Add(new StepImage("both", ImageType.Both, new[] { "name" }));
            var id = SeedAccount("Old");

            _host.GetService().Update(new Entity("account", id) { ["name"] = "New" });

            var preOp = _recorder.Contexts[0];
            Assert.Equal("Old", preOp.PreEntityImages["both"].GetAttributeValue<string>("name"));
            Assert.False(preOp.PostEntityImages.Contains("both"));
            var postOp = _recorder.Contexts[1];
            Assert.Equal("Old", postOp.PreEntityImages["pre"].GetAttributeValue<string>("name"));
            Assert.False(postOp.PreEntityImages["pre"].Contains("revenue"));
            Assert.Equal("New", postOp.PostEntityImages["post"].GetAttributeValue<string>("name"));
            Assert.Equal(100m, postOp.PostEntityImages["post"].GetAttributeValue<Money>("revenue").Value);
        }

        [Fact]
        public void Create_has_no_pre_image_and_Delete_no_post_image()
        {
            var create = Step<RecordOnly>("Create", "account", PipelineStage.PostOperation);
            create.Images.Add(new StepImage("img", ImageType.Both, Array.Empty<string>()));
            var delete = Step<RecordOnly>("Delete", "account", PipelineStage.PostOperation);
            delete.Images.Add(new StepImage("img", ImageType.Both, Array.Empty<string>()));
            var id = _host.GetService().Create(new Entity("account") { ["name"] = "A" });
            _host.GetService().Delete("account", id);

            Assert.False(_recorder.Contexts[0].PreEntityImages.Contains("img"));
            Assert.True(_recorder.Contexts[0].PostEntityImages.Contains("img"));
            Assert.True(_recorder.Contexts[1].PreEntityImages.Contains("img"));
            Assert.False(_recorder.Contexts[1].PostEntityImages.Contains("img"));
        }

        [Fact]
        public void Filtering_attributes_fire_an_Update_step_only_when_the_Target_carries_one()
        {
            Step<RecordOnly>("Update", "account", PipelineStage.PostOperation, filtering: new[] { "revenue", "name" });
            var id = SeedAccount();
            _host.GetService().Update(new Entity("account", id) { ["telephone1"] = "555" });
            Assert.Empty(_recorder.Events);
            _host.GetService().Update(new Entity("account", id) { ["revenue"] = new Money(5m) });
            Assert.Single(_recorder.Events);
        }

        [Fact]
        public void Nested_calls_increment_depth_and_the_loop_guard_stops_at_depth_8()
        {
            Step<TouchSelf>("Update", "account", PipelineStage.PostOperation);
            var id = SeedAccount();

            var error = Assert.Throws<DataverseFaultException>(() => _host.GetService().Update(new Entity("account", id) { ["name"] = "loop" }));

            Assert.Contains("infinite loop", error.Message);
            Assert.Equal(Enumerable.Range(1, 8).Select(d => $"TouchSelf:Update:40:{d}"), _recorder.Events);
            var stored = _host.GetService().Retrieve("account", id, new ColumnSet(true));
            Assert.Equal("Contoso", stored.GetAttributeValue<string>("name"));
            Assert.False(stored.Contains("numberofemployees"));
        }

        [Fact]
        public void Nested_operation_sees_parent_context_and_depth_two()
        {
            Step<CreateFollowUpTask>("Create", "account", PipelineStage.PostOperation);
            Step<RecordOnly>("Create", "task", PipelineStage.PostOperation);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });
            var taskContext = _recorder.Contexts.Single(c => c.PrimaryEntityName == "task");
            Assert.Equal(2, taskContext.Depth);
            // The task's own PreValidation context, then the account's operation that created it.
            Assert.Equal((10, "task"), (taskContext.ParentContext.Stage, taskContext.ParentContext.PrimaryEntityName));
            Assert.Equal("account", taskContext.ParentContext.ParentContext.PrimaryEntityName);
            Assert.Equal(_recorder.Contexts[0].CorrelationId, taskContext.CorrelationId);
        }

        [Fact]
        public void Shared_variables_flow_between_stages_of_one_operation_and_configs_reach_the_constructor()
        {
            Step<SetSharedVariable>("Update", "account", PipelineStage.PreOperation).SecureConfiguration = "secret";
            Step<RecordOnly>("Update", "account", PipelineStage.PostOperation);
            var id = SeedAccount();
            _host.GetService().Update(new Entity("account", id) { ["name"] = "x" });
            Assert.Equal("secret", _recorder.Contexts[1].SharedVariables["seen-by-20"]);

            _host.GetService().Update(new Entity("account", id) { ["name"] = "y" });
            Assert.False(_recorder.Contexts[2].SharedVariables.Contains("seen-by-40"));
        }

        [Fact]
        public void UserId_follows_the_caller_and_InitiatingUserId_the_original_caller()
        {
            var clerk = _host.AddUser("Clerk", "prvCreateAccount", "prvCreateActivity");
            Step<CreateFollowUpTask>("Create", "account", PipelineStage.PostOperation);
            Step<RecordOnly>("Create", "task", PipelineStage.PostOperation);
            _host.GetService(clerk).Create(new Entity("account") { ["name"] = "A" });
            Assert.All(_recorder.Contexts, c => Assert.Equal(clerk, c.InitiatingUserId));
            Assert.Equal(clerk, _recorder.Contexts[0].UserId);
            var task = _host.Store.Rows("task").Single();
            Assert.Equal(clerk, task.GetAttributeValue<EntityReference>("createdby").Id);
        }

        [Fact]
        public void Workers_interleave_between_requests_and_a_stale_row_version_is_a_real_conflict()
        {
            Step<ReadThenWrite>("Update", "account", PipelineStage.PostOperation, StepMode.Asynchronous, 1, "name");
            _recorder.Rendezvous = new System.Threading.CountdownEvent(2);
            var id = SeedAccount();
            var service = _host.GetService();
            service.Update(new Entity("account", id) { ["name"] = "first" });
            service.Update(new Entity("account", id) { ["name"] = "second" });
            _host.AsyncWorkers = 2;

            Assert.Equal(2, _host.ProcessAsyncQueue());

            // Both first attempts read 0; the one that wrote second hit the version check, asked for a retry, and its retry read 1.
            Assert.Equal(2, _host.Store.Get("account", id).GetAttributeValue<int>("numberofemployees"));
            Assert.All(_host.AsyncJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            Assert.Contains(_host.AsyncJobs, j => j.Attempts == 2 && j.Errors.Single().Contains("RowVersion"));
        }

        [Fact]
        public void A_worker_that_stops_mid_job_hands_the_job_back_with_its_writes_kept()
        {
            Step<StopWorkerOnce>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });
            Assert.Equal(2, _host.ProcessAsyncQueue());
            var job = _host.AsyncJobs.Single();
            Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
            Assert.Equal(2, job.Attempts);
            Assert.Equal(2, _host.Store.Count("task"));
        }

        [Fact]
        public void Async_InvalidPluginExecutionException_fails_the_job_without_retry()
        {
            Step<Reject>("Create", "account", PipelineStage.PostOperation, StepMode.Asynchronous);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });
            _host.ProcessAsyncQueue();
            var job = _host.AsyncJobs.Single();
            Assert.Equal(AsyncJobStatus.Failed, job.Status);
            Assert.Equal(1, job.Attempts);
            Assert.Equal("Rejected by fixture.", job.Errors.Single());
            Assert.Equal(1, _host.Store.Count("account"));
        }

        [Fact]
        public void SetState_and_Assign_run_their_own_messages()
        {
            Step<RecordOnly>("SetState", "account", PipelineStage.PostOperation);
            Step<RecordOnly>("Assign", "account", PipelineStage.PreOperation);
            var id = SeedAccount();
            var service = _host.GetService();
            service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
            var owner = _host.AddUser("Owner");
            service.Execute(new AssignRequest { Target = new EntityReference("account", id), Assignee = new EntityReference("systemuser", owner) });
            var row = service.Retrieve("account", id, new ColumnSet("statecode", "statuscode", "ownerid"));
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(owner, row.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.Equal(new[] { "RecordOnly:SetState:40:1", "RecordOnly:Assign:20:1" }, _recorder.Events);
        }

        [Fact]
        public void Custom_api_runs_its_main_plugin_and_rejects_missing_or_unknown_parameters()
        {
            _host.Register(new CustomApiDefinition
            {
                UniqueName = "cx_Echo",
                PluginType = typeof(EchoApi),
                RequestParameters = { new CustomApiParameter { UniqueName = "Text", Type = 10 } },
                ResponseProperties = { new CustomApiParameter { UniqueName = "Echo", Type = 10 } },
            });
            var service = _host.GetService();
            Assert.Equal("HI@30", service.Execute(new OrganizationRequest("cx_Echo") { ["Text"] = "hi" })["Echo"]);
            var missing = Assert.Throws<DataverseFaultException>(() => service.Execute(new OrganizationRequest("cx_Echo")));
            Assert.Contains("required parameter 'Text' is missing", missing.Message);
            var unknown = Assert.Throws<DataverseFaultException>(() => service.Execute(new OrganizationRequest("cx_Echo") { ["Text"] = "a", ["Extra"] = 1 }));
            Assert.Contains("'Extra' is not a parameter", unknown.Message);
            Assert.Throws<DataverseFaultException>(() => service.Execute(new OrganizationRequest("cx_Nope")));
        }

        [Fact]
        public void Update_of_a_missing_row_is_a_fault_naming_table_and_id()
        {
            var id = Guid.NewGuid();
            var error = Assert.Throws<DataverseFaultException>(() => _host.GetService().Update(new Entity("account", id) { ["name"] = "x" }));
            Assert.Equal($"account With Id = {id} Does Not Exist", error.Message);
            Assert.Equal(ErrorCodes.ObjectDoesNotExist, error.ErrorCode);
        }

        [Fact]
        public void Plugin_service_calls_are_counted_per_step()
        {
            Step<CreateFollowUpTask>("Create", "account", PipelineStage.PostOperation);
            _host.GetService().Create(new Entity("account") { ["name"] = "A" });
            Assert.Equal(1, _host.Calls.FromStep("CreateFollowUpTask"));
            Assert.Equal(2, _host.Calls.For("Create"));
            Assert.Contains(_host.Traces, t => t.Text == "CreateFollowUpTask at stage 40");
        }
    }
}
