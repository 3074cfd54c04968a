using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

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
            return _evaluator.Evaluate(snapshot.Facts);
        }

        public RecalculationResult Run(IReadOnlyCollection<EntityReference> customers, DateTime asOf, bool batched)
        {
            var result = new RecalculationResult();
            var snapshots = new CustomerFactsReader(_service, _settings).Read(customers, asOf);
            var sync = new RetentionActivitySync(_settings.Retention);
            var requests = new List<OrganizationRequest>();
            foreach (var snapshot in snapshots)
            {
                CustomerAssessment assessment;
                try
                {
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
                requests.Add(new UpdateRequest { Target = AssessmentWriter.ToUpdate(snapshot, assessment, asOf) });
                foreach (var request in sync.Plan(snapshot, assessment))
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
