using System;
using System.Collections.Generic;
using CrmExtensions.Dataverse.InMemory.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The asynchronous service: async steps become system jobs when the transaction that raised them commits (nothing
    /// when it rolls back), run in order each in its own transaction, and are retried after transient failures.
    /// </summary>
    internal sealed class AsyncQueue
    {
        private readonly InMemoryDataverse _host;
        private readonly PluginInvoker _invoker;
        private readonly Queue<AsyncJob> _queue = new Queue<AsyncJob>();
        private readonly List<AsyncJob> _jobs = new List<AsyncJob>();
        private List<AsyncJob> _raised;

        public AsyncQueue(InMemoryDataverse host, PluginInvoker invoker)
        {
            _host = host;
            _invoker = invoker;
        }

        public IReadOnlyList<AsyncJob> Jobs => _jobs;
        public int Pending => _queue.Count;

        /// <summary>A transaction opens: jobs raised inside it wait for its outcome.</summary>
        public void Open() => _raised = new List<AsyncJob>();

        public void Raise(StepRegistration step, PluginExecutionContext context) => _raised.Add(new AsyncJob(step, context));

        /// <summary>The transaction committed: its jobs are queued.</summary>
        public void Release()
        {
            foreach (var job in _raised) Enqueue(job);
            _raised = null;
        }

        /// <summary>The transaction rolled back: its jobs never existed.</summary>
        public void Discard() => _raised = null;

        public int Process(int maxJobs)
        {
            var ran = 0;
            while (_queue.Count > 0 && ran < maxJobs)
            {
                var job = _queue.Dequeue();
                ran++;
                Run(job);
            }
            return ran;
        }

        public void Replay(AsyncJob job) => Enqueue(new AsyncJob(job.Step, job.Context));

        private void Enqueue(AsyncJob job)
        {
            _jobs.Add(job);
            _queue.Enqueue(job);
        }

        private void Run(AsyncJob job)
        {
            var store = _host.Store;
            while (true)
            {
                job.Attempts++;
                store.Begin();
                Open();
                try
                {
                    _invoker.Invoke(job.Step, job.Context);
                    store.Commit();
                    Release();
                    job.Status = AsyncJobStatus.Succeeded;
                    return;
                }
                catch (Exception ex)
                {
                    store.Rollback();
                    Discard();
                    job.Errors.Add(ex.Message);
                    // A plugin's own InvalidPluginExecutionException fails the system job; transient errors (timeouts, faults,
                    // anything the host had to wrap as an unexpected plug-in error) are retried.
                    var retryable = !(ex is InvalidPluginExecutionException ipe) || ipe.Status == OperationStatus.Retry || ipe.Data.Contains(PluginInvoker.UnexpectedMarker);
                    if (!retryable || job.Attempts >= _host.MaxAsyncAttempts)
                    {
                        job.Status = AsyncJobStatus.Failed;
                        return;
                    }
                }
            }
        }
    }
}
