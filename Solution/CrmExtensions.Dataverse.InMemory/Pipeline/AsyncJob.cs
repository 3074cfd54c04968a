using System.Collections.Generic;
using CrmExtensions.Dataverse.InMemory.Registration;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    public enum AsyncJobStatus
    {
        Waiting,
        Succeeded,
        Failed,
    }

    /// <summary>A queued async step execution (a system job), with the context captured when its event committed.</summary>
    public sealed class AsyncJob
    {
        internal AsyncJob(StepRegistration step, PluginExecutionContext context)
        {
            Step = step;
            Context = context;
        }

        public StepRegistration Step { get; }
        public PluginExecutionContext Context { get; }
        public AsyncJobStatus Status { get; internal set; } = AsyncJobStatus.Waiting;
        public int Attempts { get; internal set; }
        public List<string> Errors { get; } = new List<string>();
    }
}
