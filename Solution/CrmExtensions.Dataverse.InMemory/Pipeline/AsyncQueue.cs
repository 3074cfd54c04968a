using System;
using System.Collections.Generic;
using System.Threading;
using CrmExtensions.Dataverse.InMemory.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The asynchronous service: async steps become system jobs when the transaction that raised them commits (nothing
    /// when it rolls back) and are taken from the queue by <see cref="InMemoryDataverse.AsyncWorkers"/> workers at once,
    /// as the platform's service spreads them over its hosts. A job runs outside any transaction, as on the platform:
    /// each request its plug-in makes goes through the pipeline on its own and commits on its own, so what a failed
    /// attempt wrote stays, and workers interleave between requests (a RowVersion checked at write time can be stale).
    /// A failed job is run again only when its plug-in asked for it (InvalidPluginExecutionException with
    /// OperationStatus.Retry), at most four runs in all; any other failure ends the system job Failed. A worker that stops
    /// mid-job (the host, not the plug-in, failed) hands it back to the queue.
    /// </summary>
    internal sealed class AsyncQueue
    {
        private readonly InMemoryDataverse _host;
        private readonly PluginInvoker _invoker;
        private readonly object _gate = new object();
        private readonly Queue<AsyncJob> _queue = new Queue<AsyncJob>();
        private readonly List<AsyncJob> _jobs = new List<AsyncJob>();
        private List<AsyncJob> _raised;
        private int _running;

        public AsyncQueue(InMemoryDataverse host, PluginInvoker invoker)
        {
            _host = host;
            _invoker = invoker;
        }

        public IReadOnlyList<AsyncJob> Jobs
        {
            get { lock (_gate) return _jobs.ToArray(); }
        }

        public int Pending
        {
            get { lock (_gate) return _queue.Count; }
        }

        // Open, Raise, Release and Discard run inside a pipeline, which holds the organisation's lock.

        /// <summary>A transaction opens: jobs raised inside it wait for its outcome.</summary>
        public void Open() => _raised = new List<AsyncJob>();

        public void Raise(StepRegistration step, PluginExecutionContext context) => _raised.Add(new AsyncJob(step, context));

        /// <summary>A system job the platform itself queues (ExecuteAsync): committed at once.</summary>
        public void Submit(StepRegistration step, PluginExecutionContext context) => Enqueue(new AsyncJob(step, context), isNew: true);

        /// <summary>The transaction committed: its jobs are queued.</summary>
        public void Release()
        {
            foreach (var job in _raised) Enqueue(job, isNew: true);
            _raised = null;
        }

        /// <summary>The transaction rolled back: its jobs never existed.</summary>
        public void Discard() => _raised = null;

        /// <summary>Runs jobs (and those they queue) until the queue is empty and no worker is busy, or maxJobs were started.</summary>
        public int Process(int maxJobs, int workers)
        {
            var started = 0;
            void Work()
            {
                while (true)
                {
                    AsyncJob job;
                    lock (_gate)
                    {
                        // A busy worker may still queue jobs: wait for it before calling the queue drained.
                        while (_queue.Count == 0 && _running > 0 && started < maxJobs) Monitor.Wait(_gate);
                        if (_queue.Count == 0 || started >= maxJobs) return;
                        job = _queue.Dequeue();
                        started++;
                        _running++;
                    }
                    try
                    {
                        Run(job);
                    }
                    finally
                    {
                        lock (_gate)
                        {
                            _running--;
                            Monitor.PulseAll(_gate);
                        }
                    }
                }
            }

            if (workers <= 1)
            {
                Work();
                return started;
            }
            var threads = new List<Thread>();
            for (var i = 0; i < workers; i++)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = "async worker " + (i + 1) };
                threads.Add(thread);
                thread.Start();
            }
            foreach (var thread in threads) thread.Join();
            return started;
        }

        public void Replay(AsyncJob job) => Enqueue(new AsyncJob(job.Step, job.Context), isNew: true);

        private void Enqueue(AsyncJob job, bool isNew)
        {
            lock (_gate)
            {
                if (isNew) _jobs.Add(job);
                _queue.Enqueue(job);
                Monitor.PulseAll(_gate);
            }
        }

        private void Run(AsyncJob job)
        {
            while (true)
            {
                job.Attempts++;
                job.Context.Budget = new ExecutionBudget(_host.CallsPerExecution);
                try
                {
                    _invoker.Invoke(job.Step, job.Context);
                    job.Status = AsyncJobStatus.Succeeded;
                    return;
                }
                catch (WorkerStoppedException ex)
                {
                    // The host running the job went away: the service hands the job to another worker later.
                    job.Errors.Add(ex.Message);
                    Enqueue(job, isNew: false);
                    return;
                }
                catch (Exception ex)
                {
                    job.Errors.Add(ex.Message);
                    var retry = ex is InvalidPluginExecutionException ipe && ipe.Status == OperationStatus.Retry;
                    if (!retry || job.Attempts >= _host.MaxAsyncAttempts)
                    {
                        job.Status = AsyncJobStatus.Failed;
                        return;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Thrown (by a test's fault injector) to stand for the worker process dying mid-job: no plug-in catches it, nothing is
    /// rolled back (an async job has no transaction), and the system job goes back to the queue.
    /// </summary>
    public sealed class WorkerStoppedException : Exception
    {
        public WorkerStoppedException(string message = "The asynchronous service host running this job stopped.") : base(message) { }
    }
}
