using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using Newtonsoft.Json;

namespace CrmExtensions.Domain.Retention
{
    /// <summary>One retention activity the plan holds open.</summary>
    public sealed class PlannedActivity
    {
        [JsonProperty("id")] public Guid Id { get; set; }
        [JsonProperty("key")] public string Key { get; set; }
        [JsonProperty("k")] public RetentionActionKind Kind { get; set; }
        [JsonProperty("c")] public ActivityChannel Channel { get; set; }
        [JsonProperty("s")] public string Subject { get; set; }
        [JsonProperty("d")] public DateTime DueOn { get; set; }
        [JsonProperty("n", NullValueHandling = NullValueHandling.Ignore)] public string Description { get; set; }
        [JsonProperty("ot", NullValueHandling = NullValueHandling.Ignore)] public string OwnerTable { get; set; }
        [JsonProperty("oi", NullValueHandling = NullValueHandling.Ignore)] public Guid? OwnerId { get; set; }
    }

    /// <summary>
    /// A customer's retention work as the product keeps it: the open activity per retention key, how many of each key were
    /// cancelled (their ids are taken), the last completion per kind (the next cycle counts from it), and activities users
    /// closed themselves. Recalculation produces the next plan; the difference between two plans is what to create, move
    /// and cancel, so the activities follow the plan without being read back.
    /// </summary>
    public sealed class RetentionPlan
    {
        public const int CurrentVersion = 1;
        private const int ClosedKept = 20;

        [JsonProperty("v")] public int Version { get; set; } = CurrentVersion;
        [JsonProperty("o")] public Dictionary<string, PlannedActivity> Open { get; set; } = new Dictionary<string, PlannedActivity>(StringComparer.Ordinal);
        [JsonProperty("g")] public Dictionary<string, int> Cancelled { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);
        [JsonProperty("done")] public Dictionary<RetentionActionKind, DateTime> LastCompleted { get; set; } = new Dictionary<RetentionActionKind, DateTime>();

        /// <summary>Activities a user completed, cancelled or deleted: gone from the plan, but not to be cancelled again.</summary>
        [JsonProperty("x")] public List<Guid> ClosedByUser { get; set; } = new List<Guid>();

        /// <summary>Why the last plan holds what it holds (for the reason written on cancelled activities).</summary>
        [JsonProperty("why", NullValueHandling = NullValueHandling.Ignore)] public string Context { get; set; }

        /// <summary>Set when whoever wrote this plan already made the activities match it (a full read does).</summary>
        [JsonProperty("mat", DefaultValueHandling = DefaultValueHandling.Ignore)] public bool Materialized { get; set; }

        /// <summary>
        /// The plan that holds exactly the due actions: a key already open keeps its activity (moved to the new date and
        /// subject); a new key gets the first of its <see cref="IdsFor"/> that is not taken; a key no longer due is given up
        /// (its activity will be cancelled, so its count goes up).
        /// </summary>
        public RetentionPlan Next(IEnumerable<RetentionAction> due, string context, Func<RetentionAction, string> describe,
            Func<RetentionAction, KeyValuePair<string, Guid>?> ownerFor, Func<Guid, bool> isTaken = null)
        {
            var next = new RetentionPlan
            {
                Cancelled = new Dictionary<string, int>(Cancelled, StringComparer.Ordinal),
                LastCompleted = new Dictionary<RetentionActionKind, DateTime>(LastCompleted),
                ClosedByUser = new List<Guid>(ClosedByUser),
                Context = context,
            };
            var dueByKey = due.ToDictionary(a => a.Key, StringComparer.Ordinal);
            foreach (var key in Open.Keys.Where(k => !dueByKey.ContainsKey(k)))
                next.Cancelled[key] = (next.Cancelled.TryGetValue(key, out var n) ? n : 0) + 1;
            var taken = new HashSet<Guid>(Open.Values.Select(o => o.Id).Concat(ClosedByUser));
            foreach (var action in dueByKey.Values)
            {
                // A key already open keeps its activity, owner and description; only date and subject follow the policy.
                if (Open.TryGetValue(action.Key, out var open))
                {
                    next.Open[action.Key] = Planned(action, open.Id, open.Description, open.OwnerTable, open.OwnerId);
                    continue;
                }
                var id = next.IdsFor(action.Key, action.Kind).First(candidate => !taken.Contains(candidate) && (isTaken == null || !isTaken(candidate)));
                var owner = ownerFor(action);
                next.Open[action.Key] = Planned(action, id, describe(action), owner?.Key, owner?.Value);
            }
            return next;
        }

        /// <summary>
        /// The ids a new activity of <paramref name="key"/> may get, in the order <see cref="Next"/> tries them: from its key,
        /// the completion it follows and the cancellations before it, so every evaluation of the same state agrees on them.
        /// </summary>
        public IEnumerable<Guid> IdsFor(string key, RetentionActionKind kind)
        {
            var anchor = LastCompleted.TryGetValue(kind, out var last) ? last.ToString("o") : "first";
            for (var generation = Cancelled.TryGetValue(key, out var g) ? g : 0; ; generation++) yield return ActivityId(key + "|" + anchor + "|" + generation);
        }

        /// <summary>
        /// The plan as the activities show it, for a full read: the open activity per key (further open ones of a key are
        /// duplicates, to be cancelled), the cancellations per key (their ids are taken; never fewer than the stored plan
        /// counted) and the last completion per kind. Activities users closed, as the stored plan remembers them, stay
        /// remembered. Activities come in id order, so the one kept for a key is the same whoever reads them.
        /// </summary>
        public static RetentionPlan FromActivities(RetentionPlan stored, IEnumerable<ExistingActivity> activities, out List<PlannedActivity> duplicates)
        {
            var plan = new RetentionPlan
            {
                Cancelled = stored?.Cancelled ?? new Dictionary<string, int>(StringComparer.Ordinal),
                ClosedByUser = stored?.ClosedByUser ?? new List<Guid>(),
            };
            duplicates = new List<PlannedActivity>();
            var counted = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var activity in activities)
            {
                var key = activity.Key;
                if (activity.State == ActivityState.Cancelled)
                {
                    counted[key] = (counted.TryGetValue(key, out var n) ? n : 0) + 1;
                }
                else if (activity.State == ActivityState.Open)
                {
                    var open = Planned(activity);
                    if (plan.Open.ContainsKey(key)) duplicates.Add(open);
                    else plan.Open[key] = open;
                }
                else if (activity.Kind.HasValue && activity.CompletedOn is DateTime end
                    && (!plan.LastCompleted.TryGetValue(activity.Kind.Value, out var known) || end > known))
                {
                    plan.LastCompleted[activity.Kind.Value] = end;
                }
            }
            foreach (var pair in counted)
                plan.Cancelled[pair.Key] = Math.Max(pair.Value, plan.Cancelled.TryGetValue(pair.Key, out var before) ? before : 0);
            return plan;
        }

        private static PlannedActivity Planned(ExistingActivity activity) => new PlannedActivity
        {
            Id = activity.Id,
            Key = activity.Key,
            Kind = activity.Kind ?? default(RetentionActionKind),
            Channel = activity.Channel,
            Subject = activity.Subject,
            DueOn = activity.DueOn ?? DateTime.MinValue,
            Description = activity.Description,
            OwnerTable = activity.OwnerTable,
            OwnerId = activity.OwnerId,
        };

        private static PlannedActivity Planned(RetentionAction action, Guid id, string description, string ownerTable, Guid? ownerId) => new PlannedActivity
        {
            Id = id,
            Key = action.Key,
            Kind = action.Kind,
            Channel = action.Channel,
            Subject = action.Subject,
            DueOn = action.DueOn,
            Description = description,
            OwnerTable = ownerTable,
            OwnerId = ownerId,
        };

        /// <summary>
        /// A user closed (or deleted) one of the plan's activities. Returns false when the plan does not hold it open
        /// (the product cancelled it itself, or it was never the plan's): nothing to change then.
        /// </summary>
        public bool CloseByUser(string key, Guid activityId, bool completed, DateTime when)
        {
            if (key == null || !Open.TryGetValue(key, out var open) || open.Id != activityId) return false;
            Open.Remove(key);
            ClosedByUser.Add(activityId);
            if (ClosedByUser.Count > ClosedKept) ClosedByUser.RemoveRange(0, ClosedByUser.Count - ClosedKept);
            if (completed)
            {
                if (!LastCompleted.TryGetValue(open.Kind, out var known) || when > known) LastCompleted[open.Kind] = when;
            }
            else
            {
                Cancelled[key] = (Cancelled.TryGetValue(key, out var n) ? n : 0) + 1;
            }
            return true;
        }

        /// <summary>The same key and cycle always give the same activity id.</summary>
        public static Guid ActivityId(string name) => NameBasedId.Of("cx-retention/" + name);

        public string Serialize() => LedgerJson.Serialize(this);

        public static RetentionPlan Parse(string json) => LedgerJson.Parse<RetentionPlan>(json, p => p.Version == CurrentVersion);
    }
}
