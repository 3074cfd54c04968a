using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using Newtonsoft.Json;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// One source record's contribution to a customer's facts, kept under the record's id. Contributions are set and
    /// removed by id, never added up, so an event applied twice, or after a full read that already saw its record,
    /// changes nothing; <see cref="Changed"/> (the record's modifiedon) orders them so a late, stale event cannot undo
    /// a newer state. A removed contribution stays as a marker with the time it was removed.
    /// </summary>
    public abstract class LedgerEntry
    {
        [JsonProperty("m", NullValueHandling = NullValueHandling.Ignore)] public DateTime? Changed { get; set; }
        [JsonProperty("del", DefaultValueHandling = DefaultValueHandling.Ignore)] public bool Removed { get; set; }
    }

    public sealed class PurchaseEntry : LedgerEntry
    {
        /// <summary>Source table (salesorder or invoice): negative totals are reported per table.</summary>
        [JsonProperty("t")] public string Table { get; set; }
        [JsonProperty("d")] public DateTime Date { get; set; }
        [JsonProperty("r")] public decimal Revenue { get; set; }
        [JsonProperty("x")] public decimal Discount { get; set; }
        /// <summary>Product families on the order's lines (orders only).</summary>
        [JsonProperty("f", NullValueHandling = NullValueHandling.Ignore)] public List<string> Families { get; set; }
    }

    public sealed class ComplaintEntry : LedgerEntry
    {
        [JsonProperty("o")] public DateTime OpenedOn { get; set; }
        [JsonProperty("x")] public bool IsOpen { get; set; }
    }

    public sealed class SurveyEntry : LedgerEntry
    {
        [JsonProperty("d")] public DateTime AnsweredOn { get; set; }
        [JsonProperty("s")] public decimal Score { get; set; }
    }

    /// <summary>A customer this customer referred (the referred row's id is the key).</summary>
    public sealed class ReferralEntry : LedgerEntry
    {
    }

    /// <summary>A contact of an account (the contact's id is the key): its layer, function and our last activity with it.</summary>
    public sealed class ContactEntry : LedgerEntry
    {
        /// <summary>Null when not recorded, or recorded with an option this version does not know.</summary>
        [JsonProperty("l", NullValueHandling = NullValueHandling.Ignore)] public ContactLayer? Layer { get; set; }
        [JsonProperty("f", NullValueHandling = NullValueHandling.Ignore)] public ContactFunction? Function { get; set; }
        [JsonProperty("a", NullValueHandling = NullValueHandling.Ignore)] public DateTime? LastActivityOn { get; set; }
    }

    /// <summary>A competitor at the customer: a recorded presence or a lost opportunity (the record's id is the key).</summary>
    public sealed class CompetitorEntry : LedgerEntry
    {
        [JsonProperty("n")] public string Competitor { get; set; }
        [JsonProperty("k")] public CompetitorSignalKind Kind { get; set; }
        [JsonProperty("d")] public DateTime On { get; set; }
        [JsonProperty("t", NullValueHandling = NullValueHandling.Ignore)] public CompetitorTrend? Trend { get; set; }
        [JsonProperty("s", NullValueHandling = NullValueHandling.Ignore)] public int? Satisfaction { get; set; }
        [JsonProperty("r", NullValueHandling = NullValueHandling.Ignore)] public CompetitorRelationship? Relationship { get; set; }
        [JsonProperty("p", NullValueHandling = NullValueHandling.Ignore)] public string Representative { get; set; }
        [JsonProperty("u", NullValueHandling = NullValueHandling.Ignore)] public string Products { get; set; }
    }

    /// <summary>A recorded loss of the customer (the loss record's id is the key); a removed one was dismissed by a user.</summary>
    public sealed class LossEntry : LedgerEntry
    {
        [JsonProperty("d")] public DateTime LostOn { get; set; }
        [JsonProperty("k")] public LossDetection Detection { get; set; }
        [JsonProperty("f", NullValueHandling = NullValueHandling.Ignore)] public LossCauseFamily? Family { get; set; }
        [JsonProperty("c", NullValueHandling = NullValueHandling.Ignore)] public LossCause? Cause { get; set; }
        [JsonProperty("o", NullValueHandling = NullValueHandling.Ignore)] public WinBackOutcome? Outcome { get; set; }
        [JsonProperty("r", NullValueHandling = NullValueHandling.Ignore)] public DateTime? RecoveredOn { get; set; }

        /// <summary>The tier the customer had when it last bought (what a win-back is decided by).</summary>
        [JsonProperty("t", NullValueHandling = NullValueHandling.Ignore)] public ValueTier? TierAtLoss { get; set; }
    }

    /// <summary>Contributions by source record id, with last-writer-wins by change time.</summary>
    public sealed class LedgerEntries<T> : Dictionary<Guid, T> where T : LedgerEntry, new()
    {
        /// <summary>Sets the record's contribution; false (and nothing changes) when the ledger already holds a newer state.</summary>
        public bool Put(Guid id, T entry)
        {
            if (TryGetValue(id, out var known) && known.Changed.HasValue && entry.Changed.HasValue && known.Changed.Value > entry.Changed.Value) return false;
            this[id] = entry;
            return true;
        }

        /// <summary>The record no longer contributes (deleted, cancelled, moved to another customer).</summary>
        public bool Withdraw(Guid id, DateTime? changed) => Put(id, new T { Changed = changed, Removed = true });

        [JsonIgnore] public IEnumerable<T> Live => Values.Where(v => !v.Removed);
    }

    /// <summary>Purchases older than the ledger's cut, added up per source table once they leave the analysis window.</summary>
    public sealed class PurchaseTotals
    {
        [JsonProperty("n")] public int Orders { get; set; }
        [JsonProperty("r")] public decimal Revenue { get; set; }
        [JsonProperty("x")] public decimal Discount { get; set; }
        [JsonProperty("a", NullValueHandling = NullValueHandling.Ignore)] public DateTime? First { get; set; }
        [JsonProperty("z", NullValueHandling = NullValueHandling.Ignore)] public DateTime? Last { get; set; }
        [JsonProperty("f")] public List<string> Families { get; set; } = new List<string>();

        public void Add(int orders, decimal revenue, decimal discount, DateTime? first, DateTime? last, IEnumerable<string> families)
        {
            Orders += orders;
            Revenue += revenue;
            Discount += discount;
            if (first.HasValue && (!First.HasValue || first < First)) First = first;
            if (last.HasValue && (!Last.HasValue || last > Last)) Last = last;
            foreach (var family in families ?? Enumerable.Empty<string>())
                if (!string.IsNullOrWhiteSpace(family) && !Families.Contains(family, StringComparer.OrdinalIgnoreCase)) Families.Add(family);
        }
    }

    /// <summary>
    /// The facts the rules need for one customer, kept on the customer row so an event only sets its own record's
    /// contribution: purchases inside the analysis window one by one (older ones as totals), complaints, surveys and
    /// referrals. A full read builds it; events keep it current; a change to a purchase older than the cut cannot be
    /// applied by id and asks for a full read instead.
    /// </summary>
    public sealed class CustomerFactsLedger
    {
        /// <summary>3: contacts, competitors and losses; a ledger of an older version is rebuilt by a full read.</summary>
        public const int CurrentVersion = 3;

        /// <summary>Removal markers older than this are dropped: no event arrives that late.</summary>
        public const int RemovalMarkerDays = 30;

        [JsonProperty("v")] public int Version { get; set; } = CurrentVersion;

        /// <summary>Purchases dated before this are only in <see cref="Earlier"/>.</summary>
        [JsonProperty("cut")] public DateTime Cut { get; set; }

        [JsonProperty("p")] public LedgerEntries<PurchaseEntry> Purchases { get; set; } = new LedgerEntries<PurchaseEntry>();
        [JsonProperty("e")] public Dictionary<string, PurchaseTotals> Earlier { get; set; } = new Dictionary<string, PurchaseTotals>(StringComparer.Ordinal);
        [JsonProperty("c")] public LedgerEntries<ComplaintEntry> Complaints { get; set; } = new LedgerEntries<ComplaintEntry>();
        [JsonProperty("s")] public LedgerEntries<SurveyEntry> Surveys { get; set; } = new LedgerEntries<SurveyEntry>();
        [JsonProperty("r")] public LedgerEntries<ReferralEntry> Referrals { get; set; } = new LedgerEntries<ReferralEntry>();
        [JsonProperty("k")] public LedgerEntries<ContactEntry> Contacts { get; set; } = new LedgerEntries<ContactEntry>();
        [JsonProperty("cp")] public LedgerEntries<CompetitorEntry> Competitors { get; set; } = new LedgerEntries<CompetitorEntry>();
        [JsonProperty("l")] public LedgerEntries<LossEntry> Losses { get; set; } = new LedgerEntries<LossEntry>();

        public static CustomerFactsLedger Empty(DateTime asOf, AnalysisSettings analysis) => new CustomerFactsLedger { Cut = WindowStart(asOf, analysis) };

        /// <summary>First day of the oldest analysed month (UTC): the same bound the period index uses.</summary>
        public static DateTime WindowStart(DateTime asOf, AnalysisSettings analysis) =>
            new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-analysis.HistoryPeriods * analysis.PeriodMonths);

        /// <summary>Survey answers older than this many years say nothing about the customer now.</summary>
        public const int SurveyYears = 2;

        /// <summary>The oldest survey answer that still counts.</summary>
        public static DateTime SurveysFrom(DateTime asOf) => asOf.AddYears(-SurveyYears);

        /// <summary>The oldest closed complaint that still counts (open ones always do).</summary>
        public static DateTime ComplaintsFrom(DateTime asOf, ChurnSettings churn) => asOf.AddDays(-churn.RecentComplaintDays);

        /// <summary>
        /// A rebuilt ledger keeps the losses users deleted from the one it replaces: no source record says so any more,
        /// and without them the rules would record those losses again.
        /// </summary>
        public void KeepDismissedLosses(CustomerFactsLedger replaced)
        {
            foreach (var dismissed in (replaced?.Losses ?? new LedgerEntries<LossEntry>()).Where(l => l.Value.Removed))
                Losses.Put(dismissed.Key, dismissed.Value);
        }

        /// <summary>Whether a purchase on this date is held one by one (and so can be set or removed by id).</summary>
        public bool HoldsPurchasesOn(DateTime date) => date >= Cut;

        public PurchaseTotals EarlierFor(string table)
        {
            if (!Earlier.TryGetValue(table, out var totals)) Earlier[table] = totals = new PurchaseTotals();
            return totals;
        }

        /// <summary>Moves purchases that left the window into the totals and drops history the rules no longer look at.</summary>
        public void Compact(DateTime asOf, CrmExtensionsSettings settings)
        {
            var cut = WindowStart(asOf, settings.Analysis);
            if (cut > Cut) FoldPurchasesBefore(cut);
            // A removal marker is kept long enough to refuse a late event that still carries the removed state.
            var markersBefore = asOf.AddDays(-RemovalMarkerDays);
            bool Expired(LedgerEntry e) => e.Removed && (e.Changed ?? DateTime.MinValue) < markersBefore;
            var complaintsBefore = ComplaintsFrom(asOf, settings.Churn);
            var surveysBefore = SurveysFrom(asOf);
            Drop(Purchases, Expired);
            Drop(Complaints, c => c.Removed ? Expired(c) : !c.IsOpen && c.OpenedOn < complaintsBefore);
            Drop(Surveys, s => s.Removed ? Expired(s) : s.AnsweredOn < surveysBefore);
            Drop(Referrals, Expired);
            Drop(Contacts, Expired);
            var competitorsBefore = asOf.AddDays(-settings.Competition.RecentDays);
            Drop(Competitors, c => c.Removed ? Expired(c) : c.On < competitorsBefore);
            // Losses stay, removed ones too: a loss a user deleted must not be detected again.
        }

        /// <summary>
        /// Moves the purchases dated before <paramref name="cut"/> into the per-table totals and the cut to it: from then on
        /// a change to one of them is read in full. Removal markers stay until they expire.
        /// </summary>
        public void FoldPurchasesBefore(DateTime cut)
        {
            foreach (var old in Purchases.Where(p => !p.Value.Removed && p.Value.Date < cut).ToList())
            {
                var p = old.Value;
                EarlierFor(p.Table).Add(1, p.Revenue, p.Discount, p.Date, p.Date, p.Families);
                Purchases.Remove(old.Key);
            }
            Cut = cut;
        }

        private static void Drop<T>(LedgerEntries<T> entries, Func<T, bool> obsolete) where T : LedgerEntry, new()
        {
            foreach (var id in entries.Where(e => obsolete(e.Value)).Select(e => e.Key).ToList()) entries.Remove(id);
        }

        /// <summary>
        /// The facts as of a date; the same derivation whether the ledger came from a full read or from events. An account's
        /// facts (<paramref name="coversContacts"/>) carry its contacts, for the coverage rules.
        /// </summary>
        public CustomerFacts ToFacts(Guid customerId, DateTime asOf, CrmExtensionsSettings settings, ValueTier? previousTier,
            IReadOnlyDictionary<RetentionActionKind, DateTime> lastCompleted, bool coversContacts = false)
        {
            var analysis = settings.Analysis;
            var live = Purchases.Live.ToList();
            var lifetime = new PurchaseTotals();
            foreach (var table in live.Select(p => p.Table).Concat(Earlier.Keys).Distinct(StringComparer.Ordinal))
            {
                var earlier = Earlier.TryGetValue(table, out var e) ? e : new PurchaseTotals();
                var ofTable = live.Where(p => p.Table == table).ToList();
                var revenue = earlier.Revenue + ofTable.Sum(p => p.Revenue);
                var discount = earlier.Discount + ofTable.Sum(p => p.Discount);
                if (revenue < 0 || discount < 0)
                    throw new DomainValidationException($"The {table} records of customer {customerId} add up to a negative amount ({revenue}); " +
                        "correct the records with negative totals or discounts before recalculating.");
                lifetime.Add(earlier.Orders + ofTable.Count, revenue, discount,
                    Min(earlier.First, ofTable.Select(p => (DateTime?)p.Date).Min()), Max(earlier.Last, ofTable.Select(p => (DateTime?)p.Date).Max()),
                    earlier.Families.Concat(ofTable.Where(p => p.Families != null).SelectMany(p => p.Families)));
            }

            var periods = new PeriodActivity[analysis.HistoryPeriods];
            var latest = asOf.AddDays(analysis.FutureToleranceDays + 1);
            foreach (var p in live.Where(p => p.Date < latest))
            {
                var index = PurchaseSummaryBuilder.PeriodIndex(p.Date, asOf, analysis.PeriodMonths, analysis.HistoryPeriods);
                if (index < 0) continue;
                var period = periods[index];
                periods[index] = new PeriodActivity(period.Orders + 1, period.Revenue + p.Revenue, period.Profit + p.Revenue * settings.Clp.DefaultMarginRate);
            }
            var gross = lifetime.Revenue + lifetime.Discount;
            var summary = lifetime.Orders == 0
                ? PurchaseSummary.None(analysis.HistoryPeriods)
                : new PurchaseSummary(lifetime.First, lifetime.Last, lifetime.Orders, periods, lifetime.Families.Count,
                    gross <= 0 ? 1m : Math.Max(0m, Math.Min(1m, lifetime.Revenue / gross)));

            var complaintsFrom = ComplaintsFrom(asOf, settings.Churn);
            var surveysFrom = SurveysFrom(asOf);
            return new CustomerFacts
            {
                CustomerId = customerId,
                AsOf = asOf,
                Purchases = summary,
                Surveys = Surveys.Live.Where(s => s.AnsweredOn >= surveysFrom).Select(s => new SurveyResponse(s.AnsweredOn, s.Score)).ToList(),
                Complaints = Complaints.Live.Where(c => c.IsOpen || c.OpenedOn >= complaintsFrom).Select(c => new Complaint(c.OpenedOn, c.IsOpen)).ToList(),
                ReferralsMade = Referrals.Live.Count(),
                PreviousTier = previousTier,
                LastCompletedActions = lastCompleted ?? new Dictionary<RetentionActionKind, DateTime>(),
                RecentPurchaseDates = live.Select(p => p.Date).ToList(),
                Contacts = coversContacts ? Contacts.Where(c => !c.Value.Removed).Select(c => new KnownContact(c.Key, c.Value.Layer, c.Value.Function, c.Value.LastActivityOn)).ToList() : null,
                Competitors = Competitors.Where(c => !c.Value.Removed).Select(c => new CompetitorSignal(c.Key, c.Value.Competitor, c.Value.Kind, c.Value.On, c.Value.Trend,
                    c.Value.Satisfaction, c.Value.Relationship, c.Value.Representative, c.Value.Products)).ToList(),
                Losses = Losses.Where(l => !l.Value.Removed)
                    .Select(l => new CustomerLossRecord(l.Key, l.Value.LostOn, l.Value.Detection, l.Value.Family, l.Value.Cause, l.Value.Outcome, l.Value.RecoveredOn,
                        l.Value.TierAtLoss)).ToList(),
                DismissedLosses = new HashSet<Guid>(Losses.Where(l => l.Value.Removed).Select(l => l.Key)),
            };
        }

        private static DateTime? Min(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a < b ? a : b);
        private static DateTime? Max(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a > b ? a : b);

        public string Serialize() => LedgerJson.Serialize(this);

        /// <summary>Null when absent, unreadable or of another version: the caller then does a full read.</summary>
        public static CustomerFactsLedger Parse(string json) => LedgerJson.Parse<CustomerFactsLedger>(json, l => l.Version == CurrentVersion);
    }

    internal static class LedgerJson
    {
        public static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            DateParseHandling = DateParseHandling.DateTime,
            FloatParseHandling = FloatParseHandling.Decimal,
            Formatting = Formatting.None,
        };

        // One configured serializer, reused (it is thread-safe): JsonConvert would build one per call.
        private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

        public static string Serialize(object value)
        {
            var text = new System.IO.StringWriter(new System.Text.StringBuilder(1024), System.Globalization.CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
                Serializer.Serialize(writer, value);
            return text.ToString();
        }

        public static T Parse<T>(string json, Func<T, bool> usable) where T : class
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            try
            {
                T value;
                using (var reader = new JsonTextReader(new System.IO.StringReader(json)))
                    value = Serializer.Deserialize<T>(reader);
                return value != null && usable(value) ? value : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
