using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>The IPluginExecutionContext the host hands a plugin: one per step execution, shared variables per operation.</summary>
    public sealed class PluginExecutionContext : IPluginExecutionContext
    {
        public int Mode { get; internal set; }
        public int IsolationMode { get; internal set; } = 2;
        public int Depth { get; internal set; }
        public string MessageName { get; internal set; }
        public string PrimaryEntityName { get; internal set; }
        public Guid? RequestId { get; internal set; }
        public string SecondaryEntityName { get; internal set; } = "none";
        public ParameterCollection InputParameters { get; internal set; } = new ParameterCollection();
        public ParameterCollection OutputParameters { get; internal set; } = new ParameterCollection();
        public ParameterCollection SharedVariables { get; internal set; } = new ParameterCollection();
        public Guid UserId { get; internal set; }
        public Guid InitiatingUserId { get; internal set; }
        public Guid BusinessUnitId { get; internal set; }
        public Guid OrganizationId { get; internal set; }
        public string OrganizationName { get; internal set; }
        public Guid PrimaryEntityId { get; internal set; }
        public EntityImageCollection PreEntityImages { get; internal set; } = new EntityImageCollection();
        public EntityImageCollection PostEntityImages { get; internal set; } = new EntityImageCollection();
        public EntityReference OwningExtension { get; internal set; }
        public Guid CorrelationId { get; internal set; }
        public bool IsExecutingOffline => false;
        public bool IsOfflinePlayback => false;
        public bool IsInTransaction { get; internal set; }
        public Guid OperationId { get; internal set; }
        public DateTime OperationCreatedOn { get; internal set; }
        public int Stage { get; internal set; }
        public IPluginExecutionContext ParentContext { get; internal set; }

        /// <summary>The execution this context's plug-in runs in: the operation's, or (asynchronous) its own run's.</summary>
        internal ExecutionBudget Budget { get; set; }

        /// <summary>
        /// The context as the pipeline holds it while the plug-in runs: what the plug-in was handed, with the shared variables
        /// it had then. A sandboxed plug-in's own changes reach the pipeline when it returns, so the operations it starts
        /// meanwhile (whose ParentContext this is) do not see them.
        /// </summary>
        internal PluginExecutionContext AsHandedOver()
        {
            var copy = (PluginExecutionContext)MemberwiseClone();
            copy.SharedVariables = new ParameterCollection();
            foreach (var pair in SharedVariables) copy.SharedVariables[pair.Key] = pair.Value;
            return copy;
        }
    }
}
