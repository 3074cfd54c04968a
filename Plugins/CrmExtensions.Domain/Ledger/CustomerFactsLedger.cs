using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Json;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// The facts the rules need for one customer, kept on the customer row so an event only sets its own record's
    /// contribution: purchases inside the analysis window one by one (older ones as totals), and each kind of
    /// <see cref="LedgerSlots"/> (complaints, surveys, referrals, contacts, competitors, losses). A full read builds it; events keep it current; a change to a purchase older than the cut cannot be
    /// applied by id and asks for a full read instead.
    /// </summary>
    public sealed class CustomerFactsLedger
    {
        /// <summary>3: contacts, competitors and losses; a ledger of an older version is rebuilt by a full read.</summary>
        public const int CurrentVersion = 3;

        /// <summary>Removal markers older than this are dropped: no event arrives that late.</summary>
        public const int RemovalMarkerDays = 30;

        public int Version { get; set; } = CurrentVersion;

        /// <summary>Purchases dated before this are only in <see cref="Earlier"/>.</summary>
        public DateTime Cut { get; set; }

        public LedgerEntries<PurchaseEntry> Purchases { get; set; } = new LedgerEntries<PurchaseEntry>();
        public Dictionary<string, PurchaseTotals> Earlier { get; set; } = new Dictionary<string, PurchaseTotals>(StringComparer.Ordinal);

        // Where each of LedgerSlots keeps its entries.
        public LedgerEntries<ComplaintEntry> Complaints { get; set; } = new LedgerEntries<ComplaintEntry>();
        public LedgerEntries<SurveyEntry> Surveys { get; set; } = new LedgerEntries<SurveyEntry>();
        public LedgerEntries<ReferralEntry> Referrals { get; set; } = new LedgerEntries<ReferralEntry>();
        public LedgerEntries<ContactEntry> Contacts { get; set; } = new LedgerEntries<ContactEntry>();
        public LedgerEntries<CompetitorEntry> Competitors { get; set; } = new LedgerEntries<CompetitorEntry>();
        public LedgerEntries<LossEntry> Losses { get; set; } = new LedgerEntries<LossEntry>();

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
            var at = new LedgerDate(asOf, settings);
            foreach (var id in Purchases.Where(p => at.Expired(p.Value)).Select(p => p.Key).ToList()) Purchases.Remove(id);
            foreach (var slot in LedgerSlots.All) slot.Compact(this, at);
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

        /// <summary>
        /// The facts as of a date; the same derivation whether the ledger came from a full read or from events. An account's
        /// facts (<paramref name="coversContacts"/>) carry its contacts, for the coverage rules.
        /// </summary>
        public CustomerFacts ToFacts(Guid customerId, DateTime asOf, CrmExtensionsSettings settings, ValueTier? previousTier,
            IReadOnlyDictionary<RetentionActionKind, DateTime> lastCompleted, bool coversContacts = false) =>
            LedgerProjection.ToFacts(this, customerId, new LedgerDate(asOf, settings, coversContacts), previousTier, lastCompleted);

        public string Serialize() => LedgerJson.Write(this);

        /// <summary>Null when absent, unreadable or of another version: the caller then does a full read.</summary>
        public static CustomerFactsLedger Parse(string json) => StoredJson.Read(json, LedgerJson.Read, l => l.Version == CurrentVersion);
    }
}
