using System;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>Update: writes the Target's columns over the stored row (null clears one), honouring RowVersion concurrency.</summary>
    internal sealed class UpdateHandler : PipelineMessage
    {
        public UpdateHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Update";

        public override void ResolvePrimary(Operation operation)
        {
            if (ResolveTargetEntity(operation).Id == Guid.Empty) throw Invalid("Entity Id must be specified for Update.");
        }

        public override OrganizationResponse Execute(Operation operation)
        {
            var request = operation.Request;
            var target = (Entity)request["Target"];
            var stored = Host.Store.Get(target.LogicalName, target.Id);
            Host.Security.DemandWrite(operation.Scope.UserId, target, stored);
            // Optimistic concurrency: the caller's RowVersion must still be current.
            if (request.Parameters.TryGetValue("ConcurrencyBehavior", out var behavior) && behavior is ConcurrencyBehavior b && b == ConcurrencyBehavior.IfRowVersionMatches
                && target.RowVersion != stored.RowVersion)
                throw new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch,
                    $"The version of the existing record doesn't match the RowVersion property provided ({target.LogicalName} {target.Id}).");
            Host.Rules.Check(target, WriteKind.Update, stored.GetAttributeValue<OptionSetValue>("statecode")?.Value);
            var row = EntityCloner.Clone(stored);
            foreach (var attribute in target.Attributes)
            {
                if (attribute.Value == null) row.Attributes.Remove(attribute.Key);
                else row[attribute.Key] = EntityCloner.CloneValue(attribute.Value);
            }
            Host.Derived.OnUpdate(row, target, operation.Scope.UserId, Host.UtcNow);
            Host.Store.Replace(row);
            return new UpdateResponse();
        }
    }
}
