using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>One request on its way through the event pipeline: what the steps of each stage see.</summary>
    internal sealed class Operation
    {
        public Operation(OrganizationRequest request, ExecutionScope scope, int depth, DateTime createdOn, string messageName)
        {
            Request = request;
            Scope = scope;
            Depth = depth;
            CreatedOn = createdOn;
            MessageName = messageName;
        }

        public OrganizationRequest Request { get; }
        public string MessageName { get; }
        public ExecutionScope Scope { get; }
        public int Depth { get; }
        public DateTime CreatedOn { get; }
        public string PrimaryEntity { get; set; }
        public Guid PrimaryId { get; set; }

        public Entity PreImageSource { get; set; }
        public Entity PostImageSource { get; set; }
        public ParameterCollection Output { get; } = new ParameterCollection();
        public ParameterCollection SharedVariables { get; } = new ParameterCollection();
    }
}
