using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.History;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// What recalculating one customer writes, decided without calling the platform: the next retention plan, one update
    /// of the customer's columns, ledger and plan under its RowVersion (two evaluations of one customer cannot overwrite
    /// each other), a loss detected or won back (see <see cref="LossRecords"/>), and — after a full read, which saw the
    /// activities as they are — the activity writes that make them match the plan. A plan written by an event is made
    /// real by the MaterializeRetentionPlan step instead. The customer row comes last: outside a transaction (an async
    /// step, a job's page) a write that never happened leaves the customer as it was, so the next attempt reads in full
    /// again and finds the activities already written (their ids are the plan's own), instead of a plan that claims
    /// activities nobody created; a loss record is written the same way (upserted under its own id).
    /// </summary>
    public sealed class CustomerWrite
    {
        /// <summary>What cx_factsledger holds (its MaxLength in Solution/src).</summary>
        public const int MaxLedgerLength = 1048576;

        /// <summary>What an evaluation fits the ledger into (<see cref="LedgerFit"/>): the column less room for what its write adds (a loss).</summary>
        public const int LedgerRoom = MaxLedgerLength - 8192;

        private CustomerWrite(RetentionPlanChange change, int duplicates, IReadOnlyList<OrganizationRequest> requests)
        {
            Change = change;
            DuplicatesCancelled = duplicates;
            Requests = requests;
        }

        /// <summary>The activities the next plan creates, moves and cancels.</summary>
        public RetentionPlanChange Change { get; }

        /// <summary>Further open activities of a key, found by a full read and cancelled.</summary>
        public int DuplicatesCancelled { get; }

        public IReadOnlyList<OrganizationRequest> Requests { get; }

        /// <summary>The writes for one customer; <paramref name="standing"/> is a newly lost customer's evaluation as of its last purchase.</summary>
        public static CustomerWrite For(CustomerSnapshot snapshot, CustomerAssessment assessment, CustomerAssessment standing, DateTime asOf, EntityReference job,
            ScoreTrigger trigger, RetentionPolicy policy)
        {
            // Loss records first: they also set the ledger the customer row stores.
            var losses = LossRecords.Requests(snapshot, assessment, standing, asOf).ToList();
            var next = NextPlan(snapshot, assessment, policy);
            var change = RetentionPlanChange.Between(snapshot.Plan, next);
            // A full read found the activities as they are and makes them match here; an event's plan is made real by
            // the MaterializeRetentionPlan step when the customer row is written.
            next.Materialized = snapshot.FromFullRead;

            var update = AssessmentColumns.ToUpdate(snapshot, assessment, asOf);
            update[CustomerColumns.LastEvaluationTrigger] = ColumnText.Fit(trigger.ToStamp(), CustomerColumns.LastEvaluationTriggerMaxLength);
            var ledger = snapshot.Ledger.Serialize();
            if (ledger.Length > MaxLedgerLength)
                throw new DomainValidationException($"The facts of {snapshot.Customer.LogicalName} {snapshot.Customer.Id} need {ledger.Length} characters; their column holds {MaxLedgerLength}.");
            if (ledger != snapshot.StoredLedgerJson) update[CustomerColumns.FactsLedger] = ledger;
            var plan = next.Serialize();
            if (plan != snapshot.StoredPlanJson) update[CustomerColumns.RetentionPlan] = plan;
            if (job?.Id != snapshot.LastEvaluationJob?.Id) update[CustomerColumns.LastEvaluationJob] = job;
            update.RowVersion = snapshot.Row.RowVersion;
            var requests = new List<OrganizationRequest>(losses);
            if (snapshot.FromFullRead)
            {
                requests.AddRange(snapshot.DuplicateActivities.Select(RetentionActivitySync.CancelDuplicate));
                requests.AddRange(RetentionActivitySync.Requests(snapshot.Customer,
                    RetentionActivitySync.Callee(snapshot.Customer, snapshot.Row.GetAttributeValue<EntityReference>(Account.PrimaryContact)), change, next.Context));
            }
            requests.Add(new UpdateRequest
            {
                Target = update,
                ConcurrencyBehavior = update.RowVersion == null ? ConcurrencyBehavior.Default : ConcurrencyBehavior.IfRowVersionMatches,
            });
            return new CustomerWrite(change, snapshot.DuplicateActivities.Count, requests);
        }

        /// <summary>The plan that holds exactly the due actions, new work assigned and described as the retention policy says.</summary>
        private static RetentionPlan NextPlan(CustomerSnapshot snapshot, CustomerAssessment assessment, RetentionPolicy policy)
        {
            var team = policy.KeyAccountTeamFor(assessment.IsKeyAccount);
            var owner = snapshot.Row.GetAttributeValue<EntityReference>(Common.OwnerId);
            var assignee = team.HasValue ? new KeyValuePair<string, Guid>(Team.EntityLogicalName, team.Value)
                : owner == null ? (KeyValuePair<string, Guid>?)null : new KeyValuePair<string, Guid>(owner.LogicalName, owner.Id);
            return snapshot.Plan.Next(assessment.RetentionActions,
                RetentionPolicy.Context(assessment.RelationshipTier, assessment.Lifecycle.Stage, assessment.Churn.Band),
                action => RetentionPolicy.Describe(action, assessment.Tier, assessment.Policy.Strategy),
                _ => assignee,
                snapshot.FromFullRead ? (Func<Guid, bool>)snapshot.ExistingActivityIds.Contains : null);
        }
    }
}
