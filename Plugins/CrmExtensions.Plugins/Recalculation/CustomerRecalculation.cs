using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Retention;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Recalculates customers end to end: facts from the customer's ledger (or a full set-based read that rebuilds it),
    /// the domain rules, then the writes each customer's <see cref="CustomerWrite"/> decides, sent by the
    /// <see cref="WriteExecutor"/>.
    /// </summary>
    public sealed class CustomerRecalculation
    {
        /// <summary>Set on the pipeline that writes a recalculated tier; the tier guard lets changes under it through.</summary>
        public const string SharedVariable = "cx.recalculation";

        /// <summary>Customers per full read: keeps each set-based query's customer list and result pages moderate.</summary>
        public const int FullReadChunk = 2500;

        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;
        private readonly CustomerEvaluator _evaluator;
        private readonly RetentionPolicy _retention;

        public CustomerRecalculation(IOrganizationService service, CrmExtensionsSettings settings)
        {
            _service = service;
            _settings = settings;
            _evaluator = new CustomerEvaluator(settings);
            _retention = new RetentionPolicy(settings.Retention, settings.Coverage);
        }

        private CustomerFactsReader Reader => new CustomerFactsReader(_service, _settings, _evaluator);

        /// <summary>Evaluates without writing anything (preview): one read when the customer has a ledger.</summary>
        public CustomerAssessment Preview(EntityReference customer, DateTime asOf)
        {
            var snapshot = CustomerRows.Read(_service, customer);
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
        public RecalculationResult ApplyEvent(LedgerChange change, DateTime asOf)
        {
            // A customer deleted since the event (its activities and records go with it) has nothing left to recalculate.
            var snapshot = CustomerRows.TryRead(_service, change.Customer);
            if (snapshot == null) return new RecalculationResult();
            var outcome = snapshot.CanEvaluateWithoutReading ? change.Apply(snapshot) : LedgerOutcome.NeedsFullRead;
            if (outcome == LedgerOutcome.Unchanged) return new RecalculationResult();
            if (outcome == LedgerOutcome.NeedsFullRead) Reader.Read(new[] { snapshot }, asOf);
            return Write(new[] { snapshot }, asOf, batched: false);
        }

        /// <summary>Recalculates customers whose rows the caller already read (a bulk page); those without a ledger are read in full.</summary>
        public RecalculationResult FromRows(IReadOnlyCollection<Entity> rows, DateTime asOf, bool rebuild)
        {
            var snapshots = rows.Select(r => new CustomerSnapshot(r)).ToList();
            foreach (var chunk in Chunks(snapshots.Where(s => rebuild || !s.CanEvaluateWithoutReading).ToList())) Reader.Read(chunk, asOf);
            // The rest keep their ledgers; what events cannot keep current is refreshed for them too: when we last met each
            // contact, and the account groups (the heavy relationship work belongs to the run, not to each event).
            foreach (var chunk in Chunks(snapshots.Where(s => !s.FromFullRead).ToList())) Reader.Refresh(chunk, asOf);
            return Write(snapshots, asOf, batched: true);
        }

        private static IEnumerable<List<T>> Chunks<T>(List<T> items)
        {
            for (var i = 0; i < items.Count; i += FullReadChunk) yield return items.Skip(i).Take(FullReadChunk).ToList();
        }

        private CustomerFacts FactsOf(CustomerSnapshot snapshot, DateTime asOf)
        {
            snapshot.Ledger.Compact(asOf, _settings);
            var facts = snapshot.Ledger.ToFacts(snapshot.Customer.Id, asOf, _settings, snapshot.PreviousTier, snapshot.Plan.LastCompleted, snapshot.IsAccount);
            facts.PreviousEvaluatedOn = snapshot.PreviousEvaluatedOn;
            facts.RelationshipTypeOverride = snapshot.RelationshipTypeOverride;
            facts.StoredGroupTier = snapshot.StoredGroupTier;
            facts.GroupMembers = snapshot.GroupMembers;
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
                var write = CustomerWrite.For(snapshot, assessment, asOf, _retention);
                result.ActivitiesCreated += write.Change.ToCreate.Count;
                result.ActivitiesUpdated += write.Change.ToMove.Count;
                result.ActivitiesCancelled += write.Change.ToCancel.Count + write.DuplicatesCancelled;
                requests.AddRange(write.Requests);
            }
            new WriteExecutor(_service).Execute(requests, batched, result);
            return result;
        }
    }
}
