using System;
using System.Collections.Generic;
using System.Linq;
using System.ServiceModel;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.History;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Recalculates customers end to end: facts from the customer's ledger (or a full set-based read that rebuilds it),
    /// the domain rules, then the writes each customer's <see cref="CustomerWrite"/> decides, sent one request at a time
    /// (Microsoft's guidance: no batch request types in plug-ins).
    /// </summary>
    public sealed class CustomerRecalculation
    {
        /// <summary>Customers per full read: each set-based query names them in one "in" list, so no more than it takes.</summary>
        public const int FullReadChunk = QueryLimits.InValues;

        /// <summary>Times a job's page evaluates a customer again after another writer changed it (or created its activity) between read and write.</summary>
        public const int ConflictRetries = 3;

        /// <summary>
        /// Times an event's evaluation reads, applies and writes its customer in one execution when other writers keep
        /// getting there first (a burst of parallel events on one customer), each try two or three calls after a short
        /// random pause; then the asynchronous service runs it again later (up to four attempts, as Microsoft documents).
        /// </summary>
        public const int EventWriteAttempts = 8;

        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;
        private readonly CustomerEvaluator _evaluator;
        private readonly RetentionPolicy _retention;
        private readonly bool _inTransaction;
        private readonly ScoreTrigger _trigger;

        /// <summary>
        /// <paramref name="inTransaction"/>: the calls go into a synchronous operation's transaction (a Custom API), where a
        /// call that fails would doom it, so the reads avoid every call that is expected to fail. <paramref name="trigger"/>:
        /// what set the evaluations off, stamped on every customer write for the score history.
        /// </summary>
        public CustomerRecalculation(IOrganizationService service, CrmExtensionsSettings settings, bool inTransaction, ScoreTrigger trigger)
        {
            _service = service;
            _settings = settings;
            _inTransaction = inTransaction;
            _trigger = trigger;
            _evaluator = new CustomerEvaluator(settings);
            _retention = new RetentionPolicy(settings.Retention, settings.Coverage);
        }

        private CustomerFactsReader _reader;

        /// <summary>One reader per execution, so what it learns once (which optional solutions are installed) is asked once.</summary>
        private CustomerFactsReader Reader => _reader ?? (_reader = new CustomerFactsReader(_service, _settings, _evaluator, _inTransaction));

        /// <summary>Evaluates without writing anything (preview): one read when the customer has a ledger.</summary>
        public CustomerAssessment Preview(EntityReference customer, DateTime asOf)
        {
            var snapshot = CustomerRows.Read(_service, customer);
            if (!snapshot.CanEvaluateWithoutReading) Reader.Read(new[] { snapshot }, asOf);
            return _evaluator.Evaluate(FactsOf(snapshot, asOf));
        }

        /// <summary>Full recalculation: ledgers rebuilt by set-based reads, rules, writes; the first failure stops it.</summary>
        public RecalculationResult Rebuild(IReadOnlyCollection<EntityReference> customers, DateTime asOf)
        {
            var snapshots = new List<CustomerSnapshot>();
            foreach (var chunk in Chunks(customers.ToList())) snapshots.AddRange(Reader.Read(chunk, asOf));
            var result = new RecalculationResult();
            foreach (var snapshot in snapshots) Write(snapshot, asOf, null, result);
            return result;
        }

        /// <summary>
        /// Event-driven recalculation: reads the customer row (1 call), applies the event's own change to its ledger or
        /// plan, evaluates and writes (1 call). A customer without a ledger, or a change that cannot be applied by id,
        /// gets the full read instead. Another writer that got to the customer between the read and the write (parallel
        /// events of one customer) makes it read, apply and write again, up to <see cref="EventWriteAttempts"/> times in
        /// this execution; then the platform is asked to run the step again later, so the event's fact is never dropped.
        /// Only for asynchronous steps: outside a transaction a failed write can be caught and tried again.
        /// The customer is evaluated as of the moment the event is processed, which is no earlier than the event itself or
        /// than the evaluation the customer already has: an event processed late (queued, retried, redelivered) after a newer
        /// purchase was counted must not place that purchase after its evaluation date, nor move the evaluation back in time.
        /// </summary>
        public RecalculationResult ApplyEvent(LedgerChange change, DateTime raisedOn)
        {
            var fullRead = false;
            for (var attempt = 1; ; attempt++)
            {
                var result = new RecalculationResult();
                // A customer deleted since the event (its activities and records go with it) has nothing left to recalculate.
                var snapshot = CustomerRows.TryRead(_service, change.Customer);
                if (snapshot == null) return result;
                var asOf = snapshot.PreviousEvaluatedOn > raisedOn ? snapshot.PreviousEvaluatedOn.Value : raisedOn;
                var outcome = snapshot.CanEvaluateWithoutReading && !fullRead ? change.Apply(snapshot) : LedgerOutcome.NeedsFullRead;
                if (outcome == LedgerOutcome.Unchanged) return result;
                if (outcome == LedgerOutcome.NeedsFullRead) Reader.Read(new[] { snapshot }, asOf);
                try
                {
                    Write(snapshot, asOf, null, result);
                    return result;
                }
                catch (FaultException<OrganizationServiceFault> ex) when (PlatformErrors.IsConcurrentWrite(ex))
                {
                    if (attempt >= EventWriteAttempts)
                        throw new InvalidPluginExecutionException(OperationStatus.Retry, ex.Detail.ErrorCode,
                            $"The {change.Customer.LogicalName} {change.Customer.Id} kept changing under {attempt} evaluations in a row; the event is evaluated again later.");
                    // A full read's activity writes (outside any transaction) may have left activities no stored plan names yet, and
                    // a planned id may be taken: both are only seen by reading the activities again.
                    fullRead = snapshot.FromFullRead || ex.Detail.ErrorCode == PlatformErrors.DuplicateRecord;
                    ConflictBackoff.Pause(attempt);
                }
            }
        }

        /// <summary>
        /// A recalculation job's page: the customer rows the page read, evaluated as of the job's moment. A customer this
        /// job already evaluated (a retried or redelivered page) or that has a newer evaluation is left as it is; those
        /// without a ledger (all of them with <paramref name="rebuild"/>) get the set-based full read. One customer's bad
        /// data or failed write is reported and the others go on; a customer changed by another writer between read and
        /// write is read in full and evaluated again.
        /// </summary>
        public RecalculationResult Page(IReadOnlyCollection<Entity> rows, DateTime asOf, bool rebuild, EntityReference job)
        {
            var result = new RecalculationResult();
            var pending = rows.Select(r => new CustomerSnapshot(r)).ToList();
            for (var round = 0; round <= ConflictRetries && pending.Count > 0; round++)
            {
                var toEvaluate = pending.Where(s => !IsCurrent(s, asOf, job, result)).ToList();
                // A customer another writer changed meanwhile is read in full: a write of either that stopped half-way may have
                // left activities under the plan's ids that no stored plan names yet (creating them again would fail each round).
                var retry = round > 0;
                foreach (var chunk in Chunks(toEvaluate.Where(s => rebuild || retry || !s.CanEvaluateWithoutReading).ToList())) ReadIsolated(chunk, asOf, toEvaluate, result);
                // The rest keep their ledgers; what events cannot keep current is refreshed for them too: when we last met each
                // contact, and the account groups (the heavy relationship work belongs to the run, not to each event).
                foreach (var chunk in Chunks(toEvaluate.Where(s => !s.FromFullRead).ToList())) Reader.Refresh(chunk, asOf);
                var conflicts = new List<EntityReference>();
                foreach (var snapshot in toEvaluate)
                {
                    try
                    {
                        Write(snapshot, asOf, job, result);
                    }
                    catch (FaultException<OrganizationServiceFault> ex) when (PlatformErrors.IsConcurrentWrite(ex) && round < ConflictRetries)
                    {
                        conflicts.Add(snapshot.Customer);
                    }
                    catch (Exception ex) when (ex is DomainValidationException || ex is FaultException<OrganizationServiceFault>)
                    {
                        result.Failures++;
                        result.Errors.Add($"{snapshot.Customer.LogicalName} {snapshot.Customer.Id}: {ex.Message}");
                    }
                }
                // Read again only the customers someone else wrote meanwhile (a deleted one drops out).
                pending = conflicts.Count == 0 ? new List<CustomerSnapshot>() : conflicts.Select(c => CustomerRows.TryRead(_service, c)).Where(s => s != null).ToList();
            }
            return result;
        }

        /// <summary>
        /// A page's full read: set-based for the chunk; when one customer's records are refused (bad data), each is read
        /// on its own so only that customer fails.
        /// </summary>
        private void ReadIsolated(List<CustomerSnapshot> chunk, DateTime asOf, List<CustomerSnapshot> toEvaluate, RecalculationResult result)
        {
            try
            {
                Reader.Read(chunk, asOf);
                return;
            }
            catch (DomainValidationException)
            {
            }
            foreach (var snapshot in chunk)
            {
                try
                {
                    Reader.Read(new[] { snapshot }, asOf);
                }
                catch (DomainValidationException ex)
                {
                    toEvaluate.Remove(snapshot);
                    result.Failures++;
                    result.Errors.Add($"{snapshot.Customer.LogicalName} {snapshot.Customer.Id}: {ex.Message}");
                }
            }
        }

        /// <summary>Already evaluated by this job, or evaluated after the job's moment (by an event): counted as done, not written.</summary>
        private static bool IsCurrent(CustomerSnapshot snapshot, DateTime asOf, EntityReference job, RecalculationResult result)
        {
            var byThisJob = job != null && snapshot.LastEvaluationJob?.Id == job.Id;
            var newer = snapshot.PreviousEvaluatedOn > asOf;
            if (byThisJob || newer) result.Current++;
            return byThisJob || newer;
        }

        private static IEnumerable<List<T>> Chunks<T>(List<T> items)
        {
            for (var i = 0; i < items.Count; i += FullReadChunk) yield return items.Skip(i).Take(FullReadChunk).ToList();
        }

        private CustomerFacts FactsOf(CustomerSnapshot snapshot, DateTime asOf)
        {
            snapshot.Ledger.Compact(asOf, _settings);
            // Fitted before it is evaluated, so an event and a full read evaluate the same facts.
            LedgerFit.Fit(snapshot.Ledger, CustomerWrite.LedgerRoom);
            var facts = snapshot.Ledger.ToFacts(snapshot.Customer.Id, asOf, _settings, snapshot.PreviousTier, snapshot.Plan.LastCompleted, snapshot.IsAccount);
            facts.PreviousEvaluatedOn = snapshot.PreviousEvaluatedOn;
            facts.RelationshipTypeOverride = snapshot.RelationshipTypeOverride;
            facts.StoredGroupTier = snapshot.StoredGroupTier;
            facts.GroupMembers = snapshot.GroupMembers;
            return facts;
        }

        /// <summary>Evaluates one customer and sends its writes, the customer row last (see <see cref="CustomerWrite"/>).</summary>
        private void Write(CustomerSnapshot snapshot, DateTime asOf, EntityReference job, RecalculationResult result)
        {
            var assessment = _evaluator.Evaluate(FactsOf(snapshot, asOf));
            // A lost customer is analysed by where it stood when it last bought, not by the lead tier a year of silence leaves.
            var detected = assessment.Loss.Detected;
            var standing = detected == null ? null : _evaluator.Evaluate(snapshot.Ledger.ToFacts(snapshot.Customer.Id, detected.LastPurchaseOn, _settings, null, null));
            var write = CustomerWrite.For(snapshot, assessment, standing, asOf, job, _trigger, _retention);
            // A full read creates its new activities itself: an id someone else took first is stepped over, not collided with
            // (an event's plan meets such an id in its own write, fails, and is read in full again).
            while (snapshot.FromFullRead && write.Change.ToCreate.Any(a => !snapshot.FreeActivityIds.Contains(a.Id)))
            {
                TakenActivityIds.Check(_service, snapshot, write.Change.ToCreate.Where(a => !snapshot.FreeActivityIds.Contains(a.Id)));
                write = CustomerWrite.For(snapshot, assessment, standing, asOf, job, _trigger, _retention);
            }
            foreach (var request in write.Requests) _service.Execute(request);
            result.Assessments[snapshot.Customer.Id] = assessment;
            result.Customers++;
            result.ActivitiesCreated += write.Change.ToCreate.Count;
            result.ActivitiesUpdated += write.Change.ToMove.Count;
            result.ActivitiesCancelled += write.Change.ToCancel.Count + write.DuplicatesCancelled;
        }
    }
}
