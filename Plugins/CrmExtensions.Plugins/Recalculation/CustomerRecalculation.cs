using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

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

    /// <summary>What an event did to a customer's ledger or plan.</summary>
    public enum LedgerOutcome
    {
        /// <summary>Something changed: evaluate and write.</summary>
        Changed,

        /// <summary>Nothing to do (the ledger already holds this state or a newer one).</summary>
        Unchanged,

        /// <summary>The change cannot be applied by record id: rebuild the ledger with a full read.</summary>
        NeedsFullRead,
    }

    /// <summary>
    /// Recalculates customers end to end: facts from the customer's ledger (or a full set-based read that rebuilds it),
    /// the domain rules, then one write of the customer columns, ledger and retention plan under RowVersion concurrency, so
    /// two evaluations of one customer cannot overwrite each other. A plan written by an event is turned into activities by
    /// the MaterializeRetentionPlan step; a full read makes the activities match the plan itself.
    /// </summary>
    public sealed class CustomerRecalculation
    {
        /// <summary>Set on the pipeline that writes a recalculated tier; the tier guard lets changes under it through.</summary>
        public const string SharedVariable = "cx.recalculation";

        public const int MaxBatch = 1000;

        /// <summary>Customers per full read: keeps each set-based query's customer list and result pages moderate.</summary>
        public const int FullReadChunk = 2500;

        /// <summary>Ledgers longer than this are not stored (a column holds 1,048,576 characters); such a customer is read in full each time.</summary>
        public const int MaxLedgerLength = 1000000;

        private readonly IOrganizationService _service;
        private readonly CustomerEvaluator _evaluator;
        private readonly CrmExtensionsSettings _settings;

        public CustomerRecalculation(IOrganizationService service, CrmExtensionsSettings settings)
        {
            _service = service;
            _settings = settings;
            _evaluator = new CustomerEvaluator(settings);
        }

        private CustomerFactsReader Reader => new CustomerFactsReader(_service, _settings);

        /// <summary>Evaluates without writing anything (preview): one read when the customer has a ledger.</summary>
        public CustomerAssessment Preview(EntityReference customer, DateTime asOf)
        {
            var snapshot = Retrieve(customer);
            if (!snapshot.CanEvaluateWithoutReading) Reader.Read(new[] { snapshot }, asOf);
            return _evaluator.Evaluate(FactsOf(snapshot, asOf));
        }

        /// <summary>Full recalculation: ledgers rebuilt by set-based reads, rules, writes.</summary>
        public RecalculationResult Rebuild(IReadOnlyCollection<EntityReference> customers, DateTime asOf, bool batched)
        {
            var snapshots = new List<CustomerSnapshot>();
            foreach (var chunk in Chunks(customers.ToList())) snapshots.AddRange(Reader.Read(chunk, asOf));
            return Write(snapshots, asOf, batched);
        }

        /// <summary>
        /// Event-driven recalculation: reads the customer row (1 call), applies the event's own change to its ledger or
        /// plan, evaluates and writes (1 call). A customer without a ledger, or a change that cannot be applied by id,
        /// gets the full read instead.
        /// </summary>
        public RecalculationResult ApplyEvent(EntityReference customer, DateTime asOf, Func<CustomerSnapshot, LedgerOutcome> change)
        {
            // A customer deleted since the event (its activities and records go with it) has nothing left to recalculate.
            var snapshot = TryRetrieve(customer);
            if (snapshot == null) return new RecalculationResult();
            var outcome = snapshot.CanEvaluateWithoutReading ? change(snapshot) : LedgerOutcome.NeedsFullRead;
            if (outcome == LedgerOutcome.Unchanged) return new RecalculationResult();
            if (outcome == LedgerOutcome.NeedsFullRead) Reader.Read(new[] { snapshot }, asOf);
            return Write(new[] { snapshot }, asOf, batched: false);
        }

        /// <summary>Recalculates customers whose rows the caller already read (a bulk page); those without a ledger are read in full.</summary>
        public RecalculationResult FromRows(IReadOnlyCollection<Entity> rows, DateTime asOf, bool rebuild)
        {
            var snapshots = rows.Select(r => new CustomerSnapshot(r)).ToList();
            foreach (var chunk in Chunks(snapshots.Where(s => rebuild || !s.CanEvaluateWithoutReading).ToList())) Reader.Read(chunk, asOf);
            return Write(snapshots, asOf, batched: true);
        }

        private CustomerSnapshot Retrieve(EntityReference customer) =>
            TryRetrieve(customer) ?? throw new DomainValidationException($"The {customer.LogicalName} {customer.Id} does not exist (deleted or never created).");

        /// <summary>A query rather than Retrieve: a missing customer is then null, not a platform fault.</summary>
        private CustomerSnapshot TryRetrieve(EntityReference customer)
        {
            if (customer.LogicalName != Account.EntityLogicalName && customer.LogicalName != Contact.EntityLogicalName)
                throw new DomainValidationException($"Only accounts and contacts are customers; got a {customer.LogicalName}.");
            var query = new QueryExpression(customer.LogicalName) { ColumnSet = CustomerSnapshot.ColumnSet };
            query.Criteria.AddCondition(Common.PrimaryIdOf(customer.LogicalName), ConditionOperator.Equal, customer.Id);
            var row = _service.RetrieveMultiple(query).Entities.FirstOrDefault();
            return row == null ? null : new CustomerSnapshot(row);
        }

        private static IEnumerable<List<T>> Chunks<T>(List<T> items)
        {
            for (var i = 0; i < items.Count; i += FullReadChunk) yield return items.Skip(i).Take(FullReadChunk).ToList();
        }

        private CustomerFacts FactsOf(CustomerSnapshot snapshot, DateTime asOf)
        {
            snapshot.Ledger.Compact(asOf, _settings);
            var facts = snapshot.Ledger.ToFacts(snapshot.Customer.Id, asOf, _settings, snapshot.PreviousTier, snapshot.Plan.LastCompleted);
            facts.PreviousEvaluatedOn = snapshot.Row.GetAttributeValue<DateTime?>(CustomerColumns.LastEvaluatedOn);
            return facts;
        }

        private RecalculationResult Write(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf, bool batched)
        {
            var result = new RecalculationResult();
            var requests = new List<OrganizationRequest>();
            foreach (var snapshot in snapshots)
            {
                CustomerAssessment assessment;
                try
                {
                    assessment = _evaluator.Evaluate(FactsOf(snapshot, asOf));
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

                var next = NextPlan(snapshot, assessment);
                var change = RetentionPlanChange.Between(snapshot.Plan, next);
                result.ActivitiesCreated += change.ToCreate.Count;
                result.ActivitiesUpdated += change.ToMove.Count;
                result.ActivitiesCancelled += change.ToCancel.Count + snapshot.DuplicateActivities.Count;
                // A full read found the activities as they are and makes them match here; an event's plan is made real by
                // the MaterializeRetentionPlan step when the customer row is written.
                next.Materialized = snapshot.FromFullRead;

                var update = AssessmentWriter.ToUpdate(snapshot, assessment, asOf);
                var ledger = snapshot.Ledger.Serialize();
                if (ledger.Length > MaxLedgerLength) ledger = null;
                if (ledger != snapshot.StoredLedgerJson) update[CustomerColumns.FactsLedger] = ledger;
                var plan = next.Serialize();
                if (plan != snapshot.StoredPlanJson) update[CustomerColumns.RetentionPlan] = plan;
                update.RowVersion = snapshot.Row.RowVersion;
                requests.Add(new UpdateRequest
                {
                    Target = update,
                    ConcurrencyBehavior = update.RowVersion == null ? ConcurrencyBehavior.Default : ConcurrencyBehavior.IfRowVersionMatches,
                });
                if (!snapshot.FromFullRead) continue;
                requests.AddRange(snapshot.DuplicateActivities.Select(RetentionActivitySync.CancelDuplicate));
                requests.AddRange(RetentionActivitySync.Requests(snapshot.Customer, change, next.Context));
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

        private RetentionPlan NextPlan(CustomerSnapshot snapshot, CustomerAssessment assessment)
        {
            var owner = snapshot.Row.GetAttributeValue<EntityReference>(Common.OwnerId);
            KeyValuePair<string, Guid>? ownerFor(RetentionAction action)
            {
                if (assessment.Tier == ValueTier.Platinum && Guid.TryParse(_settings.Retention.KeyAccountTeamId, out var team))
                    return new KeyValuePair<string, Guid>(Team.EntityLogicalName, team);
                return owner == null ? (KeyValuePair<string, Guid>?)null : new KeyValuePair<string, Guid>(owner.LogicalName, owner.Id);
            }
            string describe(RetentionAction action) => $"Scheduled by CrmExtensions for a {assessment.Tier} customer ({assessment.Policy.Strategy}); " +
                (action.EveryDays.HasValue ? $"repeats every {action.EveryDays} days." : "one-off.");
            var context = $"a {assessment.Tier} customer in {assessment.Lifecycle.Stage} (churn risk {assessment.Churn.Band})";
            return snapshot.Plan.Next(assessment.RetentionActions, context, describe, ownerFor,
                snapshot.FromFullRead ? (Func<Guid, bool>)snapshot.ExistingActivityIds.Contains : null);
        }
    }
}
