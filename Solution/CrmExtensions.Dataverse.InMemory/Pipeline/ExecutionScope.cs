using System;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>Who issues a request and from where: an outside caller (depth 0) or a plugin step (its context's depth).</summary>
    public sealed class ExecutionScope
    {
        public Guid UserId { get; set; }
        public Guid InitiatingUserId { get; set; }
        public int Depth { get; set; }
        public Guid CorrelationId { get; set; }
        public PluginExecutionContext Context { get; set; }
        public string StepName { get; set; }

        /// <summary>True for the requests inside an ExecuteMultiple: they are counted as one request, not each.</summary>
        public bool InBatch { get; set; }

        /// <summary>The execution a plug-in's call is charged to; none for an outside caller's own requests.</summary>
        public ExecutionBudget Budget { get; set; }

        /// <summary>The same caller, as seen by a request it issues on its own behalf (optionally inside a batch).</summary>
        public ExecutionScope Copy(Guid? userId = null, bool? inBatch = null) => new ExecutionScope
        {
            UserId = userId ?? UserId,
            InitiatingUserId = InitiatingUserId,
            Depth = Depth,
            CorrelationId = CorrelationId,
            Context = Context,
            StepName = StepName,
            InBatch = inBatch ?? InBatch,
            Budget = Budget,
        };

        public static ExecutionScope External(Guid userId) =>
            new ExecutionScope { UserId = userId, InitiatingUserId = userId, Depth = 0, CorrelationId = Guid.NewGuid() };
    }
}
