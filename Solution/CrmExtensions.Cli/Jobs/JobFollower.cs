using System;
using CrmExtensions.Plugins.CustomApis.Contracts;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Jobs
{
    /// <summary>
    /// Starts a recalculation job through cx_StartRecalculation and follows its row until it is finished. Between two
    /// looks it calls <c>wait</c>: a pause against a live org, the async queue's turn on the in-memory host.
    /// </summary>
    public static class JobFollower
    {
        public static JobState Run(IOrganizationService service, StartRecalculationRequest request, Action wait, Action<JobState> progress, TimeSpan? timeout = null, Func<DateTime> clock = null)
        {
            var id = service.Execute(request).JobId;
            return Follow(service, id, wait, progress, timeout, clock);
        }

        public static JobState Follow(IOrganizationService service, Guid id, Action wait, Action<JobState> progress, TimeSpan? timeout = null, Func<DateTime> clock = null)
        {
            clock = clock ?? (() => DateTime.UtcNow);
            var until = timeout.HasValue ? clock() + timeout.Value : DateTime.MaxValue;
            while (true)
            {
                var state = JobState.Read(service, id);
                progress?.Invoke(state);
                if (state.IsFinished) return state;
                if (clock() > until) throw new TimeoutException($"The job is still {state.Status} after {timeout}: {state}. It goes on in the org; follow it with crmext recalc --follow {id}.");
                wait();
            }
        }
    }
}
