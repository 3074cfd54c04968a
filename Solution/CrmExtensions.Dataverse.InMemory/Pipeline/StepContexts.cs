using System;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The execution context one step of an operation sees: its stage and mode, the operation's parameters, its images, and
    /// a ParentContext and shared variables only where Microsoft's docs say the platform fills them: a step's ParentContext
    /// is the operation that triggered this one (the caller's context as it was handed to the caller), except that the
    /// PreOperation and PostOperation steps of a Create, Update or Delete see the PreValidation context, which holds the
    /// variables PreValidation set; an asynchronous step, run later as a system job, has none.
    /// </summary>
    internal static class StepContexts
    {
        public static PluginExecutionContext For(InMemoryDataverse host, Operation operation, StepRegistration step, bool inTransaction)
        {
            var isAsync = step.Mode == StepMode.Asynchronous;
            var preValidation = step.Stage == PipelineStage.PreValidation;
            var context = new PluginExecutionContext
            {
                Mode = (int)step.Mode,
                Depth = operation.Depth,
                MessageName = operation.MessageName,
                PrimaryEntityName = operation.PrimaryEntity,
                RequestId = operation.Request.RequestId,
                // Async steps get a snapshot: the pipeline's own objects may change after the event is queued.
                InputParameters = isAsync ? Clone(operation.Request.Parameters) : operation.Request.Parameters,
                OutputParameters = isAsync ? Clone(operation.Output) : operation.Output,
                SharedVariables = isAsync ? Clone(operation.SharedVariables) : preValidation ? operation.PreValidationVariables : operation.SharedVariables,
                UserId = operation.Scope.UserId,
                InitiatingUserId = operation.Scope.InitiatingUserId,
                BusinessUnitId = host.BusinessUnitId,
                OrganizationId = host.OrganizationId,
                OrganizationName = host.OrganizationName,
                PrimaryEntityId = operation.PrimaryId,
                OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id) { Name = step.Name },
                CorrelationId = operation.Scope.CorrelationId,
                IsInTransaction = inTransaction,
                OperationId = isAsync ? Guid.NewGuid() : Guid.Empty,
                OperationCreatedOn = operation.CreatedOn,
                Stage = (int)step.Stage,
                ParentContext = isAsync ? null : !preValidation && operation.HasOwnPreValidationContext ? PreValidationOf(host, operation) : operation.Scope.Context,
                Budget = isAsync ? null : operation.Budget,
            };
            foreach (var image in step.Images)
            {
                var wantsPre = image.Type == ImageType.PreImage || image.Type == ImageType.Both;
                var wantsPost = image.Type == ImageType.PostImage || image.Type == ImageType.Both;
                if (wantsPre && operation.PreImageSource != null && operation.MessageName != "Create")
                    context.PreEntityImages[image.Alias] = Image(operation.PreImageSource, image);
                if (wantsPost && operation.PostImageSource != null && step.Stage == PipelineStage.PostOperation && operation.MessageName != "Delete")
                    context.PostEntityImages[image.Alias] = Image(operation.PostImageSource, image);
            }
            return context;
        }

        private static PluginExecutionContext PreValidationOf(InMemoryDataverse host, Operation operation)
        {
            if (operation.PreValidationContext == null)
            {
                var stage = new StepRegistration { Name = "PreValidation", Message = operation.MessageName, Stage = PipelineStage.PreValidation };
                operation.PreValidationContext = For(host, operation, stage, inTransaction: false);
            }
            return operation.PreValidationContext;
        }

        private static Entity Image(Entity source, StepImage image) =>
            EntityCloner.Clone(source, column => image.Attributes.Count == 0 || image.Attributes.Contains(column));

        private static ParameterCollection Clone(ParameterCollection source)
        {
            var copy = new ParameterCollection();
            foreach (var pair in source) copy[pair.Key] = pair.Value is Entity e ? EntityCloner.Clone(e) : EntityCloner.CloneValue(pair.Value);
            return copy;
        }
    }
}
