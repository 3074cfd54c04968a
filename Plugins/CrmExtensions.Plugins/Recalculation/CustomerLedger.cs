using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Newtonsoft.Json;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// The facts the rules need for one customer, kept on the customer row (cx_ledger, JSON) so an event only has to apply
    /// its own change: purchase months and lifetime totals, product families, complaints, surveys, referrals, and the open
    /// retention activities with the last completion per kind. Built by a full set-based read; kept current from each
    /// event's pre/post images; a change that cannot be applied exactly marks it for a full read instead.
    /// Events already applied are remembered by operation id, so a redelivered event is not counted twice.
    /// </summary>
    public sealed class CustomerLedger
    {
        public const int CurrentVersion = 1;
        private const int AppliedKept = 50;

        [JsonProperty("v")] public int Version { get; set; } = CurrentVersion;

        /// <summary>"yyyy-MM" → [orders, revenue] in base currency.</summary>
        [JsonProperty("m")] public SortedDictionary<string, decimal[]> Months { get; set; } = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);

        [JsonProperty("lo")] public int LifetimeOrders { get; set; }
        [JsonProperty("lr")] public decimal LifetimeRevenue { get; set; }
        [JsonProperty("ld")] public decimal LifetimeDiscount { get; set; }
        [JsonProperty("f")] public DateTime? First { get; set; }
        [JsonProperty("l")] public DateTime? Last { get; set; }
        [JsonProperty("fam")] public int Families { get; set; }
        [JsonProperty("c")] public Dictionary<Guid, ComplaintEntry> Complaints { get; set; } = new Dictionary<Guid, ComplaintEntry>();
        [JsonProperty("s")] public Dictionary<Guid, SurveyEntry> Surveys { get; set; } = new Dictionary<Guid, SurveyEntry>();
        [JsonProperty("r")] public int Referrals { get; set; }
        [JsonProperty("a")] public Dictionary<string, ActivityEntry> Open { get; set; } = new Dictionary<string, ActivityEntry>(StringComparer.Ordinal);
        [JsonProperty("done")] public Dictionary<RetentionActionKind, DateTime> LastCompleted { get; set; } = new Dictionary<RetentionActionKind, DateTime>();
        [JsonProperty("ops")] public List<Guid> Applied { get; set; } = new List<Guid>();

        public sealed class ComplaintEntry
        {
            [JsonProperty("o")] public DateTime OpenedOn { get; set; }
            [JsonProperty("x")] public bool IsOpen { get; set; }
        }

        public sealed class SurveyEntry
        {
            [JsonProperty("d")] public DateTime AnsweredOn { get; set; }
            [JsonProperty("s")] public decimal Score { get; set; }
        }

        public sealed class ActivityEntry
        {
            [JsonProperty("id")] public Guid Id { get; set; }
            [JsonProperty("t")] public string Table { get; set; }
            [JsonProperty("d")] public DateTime? DueOn { get; set; }
            [JsonProperty("s")] public string Subject { get; set; }
            [JsonProperty("k")] public RetentionActionKind Kind { get; set; }
        }

        private static readonly JsonSerializerSettings Json = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            Formatting = Formatting.None,
        };

        public string Serialize() => JsonConvert.SerializeObject(this, Json);

        /// <summary>Null when absent, unreadable or from another version: the caller then does a full read.</summary>
        public static CustomerLedger Parse(string json)
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            try
            {
                var ledger = JsonConvert.DeserializeObject<CustomerLedger>(json, Json);
                return ledger != null && ledger.Version == CurrentVersion ? ledger : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public static string MonthKey(DateTime date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        public bool WasApplied(Guid operationId) => operationId != Guid.Empty && Applied.Contains(operationId);

        public void MarkApplied(Guid operationId)
        {
            if (operationId == Guid.Empty) return;
            Applied.Add(operationId);
            if (Applied.Count > AppliedKept) Applied.RemoveRange(0, Applied.Count - AppliedKept);
        }

        public void AddMonth(string month, int orders, decimal revenue)
        {
            Months.TryGetValue(month, out var totals);
            Months[month] = new[] { (totals?[0] ?? 0) + orders, (totals?[1] ?? 0) + revenue };
        }

        /// <summary>
        /// Adds (sign +1) or removes (sign -1) one purchase. Returns false when the result cannot be known without a full
        /// read: removing the purchase that was the first or last one leaves the new first or last date unknown.
        /// </summary>
        public bool ApplyPurchase(int sign, DateTime date, decimal revenue, decimal discount)
        {
            if (sign < 0 && ((First.HasValue && date <= First.Value) || (Last.HasValue && date >= Last.Value))) return false;
            AddMonth(MonthKey(date), sign, sign * revenue);
            LifetimeOrders += sign;
            LifetimeRevenue += sign * revenue;
            LifetimeDiscount += sign * discount;
            if (sign > 0)
            {
                if (!First.HasValue || date < First.Value) First = date;
                if (!Last.HasValue || date > Last.Value) Last = date;
            }
            if (LifetimeOrders == 0)
            {
                First = null;
                Last = null;
            }
            return LifetimeOrders >= 0;
        }

        /// <summary>Drops history the rules no longer look at, so the JSON stays small.</summary>
        public void Prune(DateTime asOf, CrmExtensionsSettings settings)
        {
            var oldestMonth = MonthKey(new DateTime(asOf.Year, asOf.Month, 1).AddMonths(-settings.Analysis.HistoryPeriods * settings.Analysis.PeriodMonths));
            foreach (var month in Months.Keys.Where(m => string.CompareOrdinal(m, oldestMonth) < 0 || Months[m][0] == 0 && Months[m][1] == 0).ToList()) Months.Remove(month);
            foreach (var id in Complaints.Where(c => !c.Value.IsOpen && (asOf - c.Value.OpenedOn).TotalDays > settings.Churn.RecentComplaintDays).Select(c => c.Key).ToList()) Complaints.Remove(id);
            foreach (var id in Surveys.Where(s => s.Value.AnsweredOn < asOf.AddYears(-2)).Select(s => s.Key).ToList()) Surveys.Remove(id);
        }

        public CustomerFacts ToFacts(Guid customerId, DateTime asOf, CrmExtensionsSettings settings, ValueTier? previousTier)
        {
            var analysis = settings.Analysis;
            var months = Months.Where(m => m.Value[1] < 0 || m.Value[0] < 0).Select(m => m.Key).FirstOrDefault();
            if (months != null || LifetimeRevenue < 0 || LifetimeDiscount < 0 || LifetimeOrders < 0)
                throw new DomainValidationException($"The purchases of customer {customerId} add up to a negative amount ({LifetimeRevenue}); correct the records with negative totals or discounts before recalculating.");
            var periods = new PeriodActivity[analysis.HistoryPeriods];
            foreach (var month in Months)
            {
                var start = DateTime.ParseExact(month.Key, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                var index = PurchaseSummaryBuilder.PeriodIndex(start, asOf, analysis.PeriodMonths, analysis.HistoryPeriods);
                if (index < 0) continue;
                var p = periods[index];
                periods[index] = new PeriodActivity(p.Orders + (int)month.Value[0], p.Revenue + month.Value[1], p.Profit + month.Value[1] * settings.Clp.DefaultMarginRate);
            }
            var gross = LifetimeRevenue + LifetimeDiscount;
            var summary = LifetimeOrders == 0
                ? PurchaseSummary.None(analysis.HistoryPeriods)
                : new PurchaseSummary(First, Last, LifetimeOrders, periods, Families, gross <= 0 ? 1m : Math.Max(0m, Math.Min(1m, LifetimeRevenue / gross)));
            return new CustomerFacts
            {
                CustomerId = customerId,
                AsOf = asOf,
                Purchases = summary,
                Surveys = Surveys.Values.Select(s => new SurveyResponse(s.AnsweredOn, s.Score)).ToList(),
                Complaints = Complaints.Values.Select(c => new Complaint(c.OpenedOn, c.IsOpen)).ToList(),
                ReferralsMade = Referrals,
                PreviousTier = previousTier,
                LastCompletedActions = new Dictionary<RetentionActionKind, DateTime>(LastCompleted),
            };
        }

        /// <summary>The open activities as rows, the shape RetentionActivitySync plans against.</summary>
        public List<Entity> OpenActivities() =>
            Open.Select(o => new Entity(o.Value.Table, o.Value.Id)
            {
                [RetentionActivity.Key] = o.Key,
                [RetentionActivity.Action] = new OptionSetValue(Choice.ToOption(o.Value.Kind)),
                [RetentionActivity.ScheduledEnd] = o.Value.DueOn,
                [RetentionActivity.Subject] = o.Value.Subject,
            }).ToList();

        /// <summary>Records what a sync plan does to the open activities, so the ledger written with it stays true.</summary>
        public void Track(IEnumerable<OrganizationRequest> plan)
        {
            foreach (var request in plan)
            {
                var target = (Entity)request["Target"];
                var key = target.GetAttributeValue<string>(RetentionActivity.Key)
                    ?? Open.Where(o => o.Value.Id == target.Id).Select(o => o.Key).FirstOrDefault();
                if (key == null) continue;
                if (target.Contains(RetentionActivity.StateCode))
                {
                    if (Open.TryGetValue(key, out var open) && open.Id == target.Id) Open.Remove(key);
                    continue;
                }
                Open.TryGetValue(key, out var entry);
                entry = entry ?? new ActivityEntry { Id = target.Id, Table = target.LogicalName };
                if (target.Contains(RetentionActivity.Action)) entry.Kind = Choice.FromOption<RetentionActionKind>(target.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value);
                if (target.Contains(RetentionActivity.ScheduledEnd)) entry.DueOn = target.GetAttributeValue<DateTime?>(RetentionActivity.ScheduledEnd);
                if (target.Contains(RetentionActivity.Subject)) entry.Subject = target.GetAttributeValue<string>(RetentionActivity.Subject);
                Open[key] = entry;
            }
        }
    }
}
