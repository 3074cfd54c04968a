using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>Create: inserts the Target (its id, or the one in its primary key column, or a new one) as the metadata allows, with what the platform derives.</summary>
    internal sealed class CreateHandler : PipelineMessage
    {
        public CreateHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Create";

        public override void ResolvePrimary(Operation operation) => ResolveTargetEntity(operation);

        public override OrganizationResponse Execute(Operation operation)
        {
            var target = (Entity)operation.Request["Target"];
            var row = EntityCloner.Clone(target);
            var idColumn = PrimaryKey.For(target.LogicalName);
            if (row.Id == Guid.Empty) row.Id = target.Contains(idColumn) && target[idColumn] is Guid given ? given : Guid.NewGuid();
            foreach (var nullColumn in row.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList()) row.Attributes.Remove(nullColumn);
            Host.Rules.Check(target, WriteKind.Create);
            row[idColumn] = row.Id;
            Host.Derived.OnCreate(row, operation.Scope.UserId, Host.UtcNow);
            // Checked as the row will be stored: its owner decides the depth the create privilege must reach.
            Host.Security.DemandWrite(operation.Scope.UserId, row, null);
            Host.Store.Insert(row);
            operation.PrimaryId = row.Id;
            operation.Output["id"] = row.Id;
            var response = new CreateResponse();
            response.Results["id"] = row.Id;
            return response;
        }
    }
}
