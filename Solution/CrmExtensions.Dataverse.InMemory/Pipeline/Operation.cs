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

        /// <summary>The custom steps this operation skips: its own request's bypass parameters, not its caller's.</summary>
        public CustomLogic Bypassed { get; set; }
        public string PrimaryEntity { get; set; }
        public Guid PrimaryId { get; set; }

        public Entity PreImageSource { get; set; }
        public Entity PostImageSource { get; set; }
        public ParameterCollection Output { get; } = new ParameterCollection();

        /// <summary>The execution whose 2 minutes this operation spends: its caller's, or its own when an outside caller sent it.</summary>
        public ExecutionBudget Budget { get; set; }

        /// <summary>Shared by the operation's steps (and captured for its asynchronous ones).</summary>
        public ParameterCollection SharedVariables { get; } = new ParameterCollection();

        /// <summary>
        /// Create, Update and Delete run PreValidation in a context of its own, outside the transaction: its steps share
        /// their own variables, and the later stages reach them through ParentContext (Microsoft's execution-context page).
        /// </summary>
        public bool HasOwnPreValidationContext => MessageName == "Create" || MessageName == "Update" || MessageName == "Delete";

        public ParameterCollection PreValidationVariables => HasOwnPreValidationContext ? _preValidationVariables : SharedVariables;

        private readonly ParameterCollection _preValidationVariables = new ParameterCollection();

        /// <summary>The PreValidation context the later stages of a Create, Update or Delete see as their ParentContext.</summary>
        public PluginExecutionContext PreValidationContext { get; set; }
    }
}
