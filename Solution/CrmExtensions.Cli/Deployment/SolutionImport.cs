using System;
using System.Diagnostics;
using System.IO;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Dataverse.InMemory.Messages;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Deployment
{
    /// <summary>
    /// One solution zip into the org, as pac solution import does it: ImportSolution with its own import job id, either
    /// waited for in the request or (--async) queued with ExecuteAsync and followed through the system job, printing the
    /// import job's progress in percent. A failure prints the failing components from the import job's log. The
    /// platform's column names are the ones the in-memory host declares (<see cref="AsyncOperation"/>, <see cref="ImportJob"/>).
    /// </summary>
    public sealed class SolutionImport
    {
        private readonly CliContext _context;
        private readonly IOrganizationService _service;
        private readonly ImportSettings _settings;
        private int _lastPercent = -1;

        public SolutionImport(CliContext context, IOrganizationService service, ImportSettings settings)
        {
            _context = context;
            _service = service;
            _settings = settings;
        }

        /// <summary>True when the solution was imported; false after printing why not.</summary>
        public bool Run(string zip)
        {
            var watch = Stopwatch.StartNew();
            _context.Output.WriteLine($"Importing {Path.GetFileName(zip)}{(_settings.Async ? " (async)" : "")}...");
            var request = new ImportSolutionRequest
            {
                CustomizationFile = File.ReadAllBytes(zip),
                ImportJobId = Guid.NewGuid(),
                OverwriteUnmanagedCustomizations = _settings.ForceOverwrite,
                PublishWorkflows = _settings.ActivatePlugins,
            };
            var failure = _settings.Async ? Queued(request) : Waited(request);
            if (failure == null)
            {
                _context.Output.WriteLine($"Imported in {watch.Elapsed.TotalSeconds:N0} s.");
                return true;
            }
            _context.Error.WriteLine($"The import of {Path.GetFileName(zip)} failed: {failure}");
            var log = ImportJobData(request.ImportJobId);
            foreach (var component in ImportLog.Failures(log)) _context.Error.WriteLine("  " + component);
            _context.Error.WriteLine($"Import job {request.ImportJobId}: the full log is in the maker portal under Solutions, Solution history.");
            return false;
        }

        private string Waited(ImportSolutionRequest request)
        {
            try
            {
                _service.Execute(request);
            }
            catch (Exception ex) when (OrgRefusal.Find(ex) is OrgRefusal refused && !refused.Login && !refused.Busy)
            {
                // The org refused this import (as a fault or the Web API's error): the import failed, its log says where.
                return refused.Message;
            }
            // Outside the try: the import succeeded, whatever reading its progress afterwards meets.
            Progress(request.ImportJobId);
            return null;
        }

        private string Queued(ImportSolutionRequest request)
        {
            var jobId = ((ExecuteAsyncResponse)_service.Execute(new ExecuteAsyncRequest { Request = request })).AsyncJobId;
            var until = DateTime.UtcNow + _settings.MaxAsyncWait;
            while (true)
            {
                Progress(request.ImportJobId);
                var job = _service.Retrieve(AsyncOperation.EntityLogicalName, jobId, new ColumnSet(AsyncOperation.StateCode, AsyncOperation.StatusCode, AsyncOperation.Message));
                if (job.GetAttributeValue<OptionSetValue>(AsyncOperation.StateCode)?.Value == AsyncOperation.StateCompleted)
                {
                    Progress(request.ImportJobId);
                    return job.GetAttributeValue<OptionSetValue>(AsyncOperation.StatusCode)?.Value == AsyncOperation.StatusSucceeded
                        ? null : job.GetAttributeValue<string>(AsyncOperation.Message) ?? "the system job failed without a message.";
                }
                if (DateTime.UtcNow > until)
                    throw new VerbFailure($"the import is still running after {_settings.MaxAsyncWait.TotalMinutes:N0} minutes; system job {jobId} goes on in the org.",
                        "follow it in the maker portal (Solutions, Solution history), or deploy again with a longer --max-async-wait.", ExitCode.WorkFailed);
                _context.Pause(_settings.Poll);
            }
        }

        /// <summary>Prints the import job's progress when it moved; the job row appears once the org starts the import.</summary>
        private void Progress(Guid importJobId)
        {
            var row = _service.RetrieveMultiple(ImportJobQuery(importJobId, ImportJob.Progress)).Entities;
            if (row.Count == 0) return;
            var percent = (int)Math.Floor(row[0].GetAttributeValue<double?>(ImportJob.Progress) ?? 0);
            if (percent != _lastPercent) _context.Output.WriteLine($"  {percent}%");
            _lastPercent = percent;
        }

        private string ImportJobData(Guid importJobId)
        {
            var rows = _service.RetrieveMultiple(ImportJobQuery(importJobId, ImportJob.Data)).Entities;
            return rows.Count == 0 ? null : rows[0].GetAttributeValue<string>(ImportJob.Data);
        }

        private static QueryExpression ImportJobQuery(Guid id, string column)
        {
            var query = new QueryExpression(ImportJob.EntityLogicalName) { ColumnSet = new ColumnSet(column), TopCount = 1 };
            query.Criteria.AddCondition("importjobid", ConditionOperator.Equal, id);
            return query;
        }
    }
}
