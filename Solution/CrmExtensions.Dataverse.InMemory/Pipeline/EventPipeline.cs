using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Messages;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The event pipeline of one message: PreValidation (10) outside the transaction of a top-level call,
    /// PreOperation (20), the message's core operation (30) and PostOperation (40) inside it, async steps raised as
    /// system jobs for after the commit; an exception anywhere rolls back every write. Depth is counted and capped.
    /// </summary>
    internal sealed class EventPipeline
    {
        private readonly InMemoryDataverse _host;
        private readonly PluginInvoker _invoker;
        private readonly AsyncQueue _async;

        public EventPipeline(InMemoryDataverse host, PluginInvoker invoker, AsyncQueue async)
        {
            _host = host;
            _invoker = invoker;
            _async = async;
        }

        public OrganizationResponse Run(PipelineMessage message, OrganizationRequest request, ExecutionScope scope)
        {
            var depth = scope.Depth + 1;
            if (depth > _host.MaxDepth)
                throw new DataverseFaultException(ErrorCodes.InfiniteLoop,
                    "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.");

            var operation = new Operation(request, scope, depth, _host.UtcNow, message.MessageNameOf(request))
            {
                Budget = scope.Budget ?? new ExecutionBudget(_host.CallsPerExecution),
                Bypassed = CustomLogicBypass.Requested(request, scope.UserId, _host.Security.Users),
            };
            message.ResolvePrimary(operation);
            var steps = StepsFor(operation);
            var store = _host.Store;
            // The row as it was and as it ends up are copied only when a step registered an image, and only the imaged columns.
            var images = steps.SelectMany(s => s.Images).ToList();
            var imaged = images.Count > 0;
            Func<string, bool> imagedColumn = images.Any(i => i.Attributes.Count == 0) ? (Func<string, bool>)(_ => true) : c => images.Any(i => i.Attributes.Contains(c));
            operation.PreImageSource = imaged && operation.PrimaryId != Guid.Empty && store.TryGet(operation.PrimaryEntity, operation.PrimaryId, out var existing)
                ? EntityCloner.Clone(existing, imagedColumn)
                : null;

            // A top-level call's PreValidation runs before the database transaction opens, as on the platform.
            var ownsTransaction = !store.InTransaction;
            RunStage(operation, steps, PipelineStage.PreValidation, inTransaction: !ownsTransaction);
            if (ownsTransaction)
            {
                store.Begin();
                _async.Open();
            }
            try
            {
                RunStage(operation, steps, PipelineStage.PreOperation, inTransaction: true);
                var response = message.Execute(operation);
                if (imaged && operation.PrimaryId != Guid.Empty && store.TryGet(operation.PrimaryEntity, operation.PrimaryId, out var after))
                    operation.PostImageSource = EntityCloner.Clone(after, imagedColumn);
                RunStage(operation, steps, PipelineStage.PostOperation, inTransaction: true);
                foreach (var step in steps.Where(s => s.Mode == StepMode.Asynchronous && s.Stage == PipelineStage.PostOperation))
                    _async.Raise(step, StepContexts.For(_host, operation, step, inTransaction: false));
                if (ownsTransaction)
                {
                    store.Commit();
                    _async.Release();
                }
                return response;
            }
            catch
            {
                if (ownsTransaction)
                {
                    store.Rollback();
                    _async.Discard();
                }
                throw;
            }
        }

        /// <summary>Runs the main operation's plugin of a Custom API (stage 30) inside the operation's transaction.</summary>
        public void RunMainOperation(Operation operation, CustomApiDefinition api)
        {
            var main = new StepRegistration { Name = api.UniqueName + " (main operation)", Message = api.UniqueName, Stage = PipelineStage.MainOperation, PluginType = api.PluginType };
            _invoker.Invoke(main, StepContexts.For(_host, operation, main, inTransaction: true));
        }

        private List<StepRegistration> StepsFor(Operation operation)
        {
            var message = operation.MessageName;
            var target = operation.Request.Parameters.Contains("Target") ? operation.Request["Target"] as Entity : null;
            return _host.Steps
                .Where(s => !operation.Bypassed.Skips(s))
                .Where(s => string.Equals(s.Message, message, StringComparison.OrdinalIgnoreCase))
                .Where(s => string.IsNullOrEmpty(s.PrimaryEntity) || s.PrimaryEntity == "none" || string.Equals(s.PrimaryEntity, operation.PrimaryEntity, StringComparison.OrdinalIgnoreCase))
                // Filtering attributes apply to Update: the step fires only when the Target carries one of them.
                .Where(s => message != "Update" || s.FilteringAttributes.Count == 0 || (target != null && s.FilteringAttributes.Any(target.Contains)))
                .OrderBy(s => (int)s.Stage).ThenBy(s => s.Rank)
                .ToList();
        }

        // Stage 10/20 plugins may change the Target the core operation will write; later stages see those changes.
        private void RunStage(Operation operation, List<StepRegistration> steps, PipelineStage stage, bool inTransaction)
        {
            foreach (var step in steps.Where(s => s.Stage == stage && s.Mode == StepMode.Synchronous))
                _invoker.Invoke(step, StepContexts.For(_host, operation, step, inTransaction));
        }
    }
}
