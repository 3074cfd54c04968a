using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Plugins.Recalculation
{
    public sealed class RecalculationResult
    {
        public int Customers { get; set; }
        public int ActivitiesCreated { get; set; }
        public int ActivitiesUpdated { get; set; }
        public int ActivitiesCancelled { get; set; }
        public int Failures { get; set; }
        public List<string> Errors { get; } = new List<string>();
        public Dictionary<Guid, CustomerAssessment> Assessments { get; } = new Dictionary<Guid, CustomerAssessment>();
    }

    /// <summary>
    /// Recalculates customers end to end: read facts (set-based), run the domain rules, write the customer columns and
    /// the retention activities. Writes for many customers go out in ExecuteMultiple batches of at most 1,000 requests.
    /// </summary>
    public sealed class CustomerRecalculation
    {
        /// <summary>Set on the pipeline that writes a recalculated tier; the tier guard lets changes under it through.</summary>
        public const string SharedVariable = "cx.recalculation";

        public const int MaxBatch = 1000;

        private readonly IOrganizationService _service;
        private readonly CustomerEvaluator _evaluator;
        private readonly CrmExtensionsSettings _settings;

        public CustomerRecalculation(IOrganizationService service, CrmExtensionsSettings settings)
        {
            _service = service;
            _settings = settings;
            _evaluator = new CustomerEvaluator(settings);
        }

        /// <summary>Evaluates without writing anything (preview).</summary>
        public CustomerAssessment Preview(EntityReference customer, DateTime asOf)
        {
            var snapshot = new CustomerFactsReader(_service, _settings).Read(new[] { customer }, asOf).Single();
            return _evaluator.Evaluate(snapshot.Ledger.ToFacts(customer.Id, asOf, _settings, CustomerFactsReader.PreviousTier(snapshot.Row)));
        }

        /// <summary>Full recalculation: facts read set-based (and stored as each customer's ledger), rules, writes.</summary>
        public RecalculationResult Run(IReadOnlyCollection<EntityReference> customers, DateTime asOf, bool batched, Guid operationId = default(Guid))
        {
            var snapshots = ReadInChunks(customers, asOf);
            foreach (var snapshot in snapshots) snapshot.Ledger.MarkApplied(operationId);
            return Write(snapshots, asOf, batched);
        }

        /// <summary>
        /// Event-driven recalculation: reads the customer row with its ledger (1 call), applies the event's own change,
        /// evaluates, and writes (1 call, plus any retention activity that changes). A redelivered event is recognised by
        /// its operation id and skipped; a missing ledger or a change it cannot apply exactly falls back to the full read.
        /// </summary>
        public RecalculationResult RunIncremental(EntityReference customer, DateTime asOf, Guid operationId, Func<CustomerLedger, bool> apply)
        {
            var row = _service.Retrieve(customer.LogicalName, customer.Id, new ColumnSet(CustomerFactsReader.CustomerColumnsRead));
            var ledger = CustomerLedger.Parse(row.GetAttributeValue<string>(CustomerColumns.Ledger));
            if (ledger != null && ledger.WasApplied(operationId)) return new RecalculationResult();
            if (ledger == null || !apply(ledger)) return Run(new[] { customer }, asOf, batched: false, operationId);
            ledger.MarkApplied(operationId);
            var snapshot = new CustomerSnapshot(customer, row) { Ledger = ledger };
            snapshot.OpenRetentionActivities.AddRange(ledger.OpenActivities());
            return Write(new[] { snapshot }, asOf, batched: false);
        }

        /// <summary>Recalculates customers whose rows (with ledgers) the caller already read, e.g. a bulk page; those
        /// without a usable ledger get a full read.</summary>
        public RecalculationResult RunFromRows(IReadOnlyCollection<Entity> rows, DateTime asOf)
        {
            var ready = new List<CustomerSnapshot>();
            var missing = new List<EntityReference>();
            foreach (var row in rows)
            {
                var ledger = CustomerLedger.Parse(row.GetAttributeValue<string>(CustomerColumns.Ledger));
                if (ledger == null)
                {
                    missing.Add(row.ToEntityReference());
                    continue;
                }
                var snapshot = new CustomerSnapshot(row.ToEntityReference(), row) { Ledger = ledger };
                snapshot.OpenRetentionActivities.AddRange(ledger.OpenActivities());
                ready.Add(snapshot);
            }
            if (missing.Count > 0) ready.AddRange(ReadInChunks(missing, asOf));
            return Write(ready, asOf, batched: true);
        }

        /// <summary>Customers per set-based read: keeps month-grouped aggregate results well under the 5,000-row page.</summary>
        public const int FullReadChunk = 200;

        private List<CustomerSnapshot> ReadInChunks(IReadOnlyCollection<EntityReference> customers, DateTime asOf)
        {
            var reader = new CustomerFactsReader(_service, _settings);
            var list = customers.ToList();
            var snapshots = new List<CustomerSnapshot>();
            for (var i = 0; i < list.Count; i += FullReadChunk) snapshots.AddRange(reader.Read(list.Skip(i).Take(FullReadChunk).ToList(), asOf));
            return snapshots;
        }

        private RecalculationResult Write(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf, bool batched)
        {
            var result = new RecalculationResult();
            var sync = new RetentionActivitySync(_settings.Retention);
            var requests = new List<OrganizationRequest>();
            foreach (var snapshot in snapshots)
            {
                CustomerAssessment assessment;
                try
                {
                    snapshot.Facts = snapshot.Ledger.ToFacts(snapshot.Customer.Id, asOf, _settings, CustomerFactsReader.PreviousTier(snapshot.Row));
                    assessment = _evaluator.Evaluate(snapshot.Facts);
                }
                catch (DomainValidationException ex) when (batched)
                {
                    // In a bulk run one customer's bad data must not stop the others; it is reported instead.
                    result.Failures++;
                    result.Errors.Add($"{snapshot.Customer.LogicalName} {snapshot.Customer.Id}: {ex.Message}");
                    continue;
                }
                result.Assessments[snapshot.Customer.Id] = assessment;
                result.Customers++;
                var plan = sync.Plan(snapshot, assessment).ToList();
                snapshot.Ledger.Track(plan);
                snapshot.Ledger.Prune(asOf, _settings);
                var update = AssessmentWriter.ToUpdate(snapshot, assessment, asOf);
                update[CustomerColumns.Ledger] = snapshot.Ledger.Serialize();
                // Two evaluations of one customer must not overwrite each other's ledger: the row must be the one read.
                update.RowVersion = snapshot.Row.RowVersion;
                requests.Add(new UpdateRequest { Target = update, ConcurrencyBehavior = update.RowVersion == null ? ConcurrencyBehavior.Default : ConcurrencyBehavior.IfRowVersionMatches });
                foreach (var request in plan)
                {
                    requests.Add(request);
                    if (request is CreateRequest) result.ActivitiesCreated++;
                    else if (((UpdateRequest)request).Target.Contains(Model.RetentionActivity.StateCode)) result.ActivitiesCancelled++;
                    else result.ActivitiesUpdated++;
                }
            }
            if (!batched)
            {
                foreach (var request in requests) _service.Execute(request);
                return result;
            }
            for (var i = 0; i < requests.Count; i += MaxBatch)
            {
                var batch = new ExecuteMultipleRequest
                {
                    Requests = new OrganizationRequestCollection(),
                    Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
                };
                batch.Requests.AddRange(requests.Skip(i).Take(MaxBatch));
                var response = (ExecuteMultipleResponse)_service.Execute(batch);
                foreach (var fault in response.Responses.Where(r => r.Fault != null))
                {
                    result.Failures++;
                    result.Errors.Add($"request {i + fault.RequestIndex}: {fault.Fault.Message}");
                }
            }
            return result;
        }
    }
}
