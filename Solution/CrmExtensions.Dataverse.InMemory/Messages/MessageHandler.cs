using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>One message the organisation understands, by the request name callers send.</summary>
    internal abstract class MessageHandler
    {
        protected MessageHandler(InMemoryDataverse host) { Host = host; }

        protected InMemoryDataverse Host { get; }

        public abstract string RequestName { get; }

        protected static T Parameter<T>(OrganizationRequest request, string name) where T : class =>
            request.Parameters.Contains(name) ? request[name] as T : null;

        protected static DataverseFaultException Invalid(string message) => new DataverseFaultException(ErrorCodes.InvalidArgument, message);
    }

    /// <summary>A message answered directly, with no steps and no transaction of its own (reads, batches, identity).</summary>
    internal abstract class DirectMessage : MessageHandler
    {
        protected DirectMessage(InMemoryDataverse host) : base(host) { }

        public abstract OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope);
    }

    /// <summary>
    /// A message that runs the event pipeline: it names the row the pipeline is about (the primary entity, checked before
    /// any step runs) and performs the core operation (stage 30) on it.
    /// </summary>
    internal abstract class PipelineMessage : MessageHandler
    {
        protected PipelineMessage(InMemoryDataverse host) : base(host) { }

        /// <summary>The SDK message steps are registered on: the request's own name, unless its request class carries another.</summary>
        public virtual string MessageNameOf(OrganizationRequest request) => request.RequestName;

        public abstract void ResolvePrimary(Operation operation);

        public abstract OrganizationResponse Execute(Operation operation);

        /// <summary>A Create or Update: the Target entity names the row.</summary>
        protected static Entity ResolveTargetEntity(Operation operation)
        {
            var request = operation.Request;
            var target = Parameter<Entity>(request, "Target");
            if (target == null || string.IsNullOrEmpty(target.LogicalName)) throw Invalid($"{request.RequestName} needs a Target entity with a LogicalName.");
            operation.PrimaryEntity = target.LogicalName;
            operation.PrimaryId = target.Id;
            return target;
        }

        /// <summary>A message whose Target (or other parameter) is a reference to the row.</summary>
        protected static void ResolveReference(Operation operation, string parameter, string missing)
        {
            var reference = Parameter<EntityReference>(operation.Request, parameter) ?? throw Invalid(missing);
            operation.PrimaryEntity = reference.LogicalName;
            operation.PrimaryId = reference.Id;
        }

        /// <summary>The columns a state change writes: the state and its status, -1 standing for the state's default status.</summary>
        protected Entity StateChange(EntityReference row, int state, int status) => new Entity(row.LogicalName, row.Id)
        {
            ["statecode"] = new OptionSetValue(state),
            ["statuscode"] = new OptionSetValue(status == -1 ? Host.Derived.DefaultStatus(row.LogicalName, state) : status),
        };

        /// <summary>
        /// Writes a changed copy of a stored row (a missing row is a fault), as a message that sets a few columns does; the
        /// columns it sets are judged as an update's would be.
        /// </summary>
        protected void Change(Operation operation, string table, System.Guid id, Entity columns)
        {
            var stored = Host.Store.Get(table, id);
            Host.Security.Records.Demand(operation.Scope.UserId, Security.AccessRight.Write, stored);
            Host.Rules.Check(columns, WriteKind.Update, stored.GetAttributeValue<OptionSetValue>("statecode")?.Value);
            var row = EntityCloner.Clone(stored);
            foreach (var column in columns.Attributes) row[column.Key] = EntityCloner.CloneValue(column.Value);
            DerivedColumns.Modified(row, operation.Scope.UserId, Host.UtcNow);
            Host.Store.Replace(row);
        }
    }
}
