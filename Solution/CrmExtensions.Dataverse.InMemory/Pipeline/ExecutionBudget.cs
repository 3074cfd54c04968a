using System;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The 2-minute limit of one execution (a message operation with all its synchronous steps, or one run of an
    /// asynchronous step), counted in the calls its plug-ins make to IOrganizationService: each is taken to cost
    /// <see cref="InMemoryDataverse.CostPerCall"/>, so an execution may make the limit divided by that many calls. The host
    /// runs far faster than Dataverse; counting calls keeps plug-ins honest about what the platform's time would allow.
    /// </summary>
    public sealed class ExecutionBudget
    {
        public ExecutionBudget(int maxCalls) { MaxCalls = maxCalls; }

        public int MaxCalls { get; }
        public int Calls { get; private set; }

        /// <summary>Set once a call went past the limit: the platform stops the execution, whatever the plug-in does next.</summary>
        public bool Exceeded => Calls > MaxCalls;

        public void Spend() => Calls++;

        public static int CallsWithin(TimeSpan limit, TimeSpan costPerCall) => (int)(limit.Ticks / costPerCall.Ticks);
    }
}
