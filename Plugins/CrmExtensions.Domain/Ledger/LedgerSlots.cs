using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// The kinds of contribution a ledger holds besides purchases (which it keeps one by one inside the analysis window
    /// and as totals before it): each one's document member, retention and facts, in the order the document lists them.
    /// </summary>
    public static class LedgerSlots
    {
        /// <summary>Open complaints, and closed ones opened within churn.recentComplaintDays.</summary>
        public static readonly LedgerSlot<ComplaintEntry> Complaints = new LedgerSlot<ComplaintEntry>("c", l => l.Complaints, LedgerJson.Complaint, LedgerJson.Complaint,
            (c, at) => c.Removed ? at.Expired(c) : !c.IsOpen && c.OpenedOn < CustomerFactsLedger.ComplaintsFrom(at.AsOf, at.Settings.Churn),
            (entries, facts, at) => facts.Complaints = entries.Live.Where(c => c.IsOpen || c.OpenedOn >= CustomerFactsLedger.ComplaintsFrom(at.AsOf, at.Settings.Churn))
                .Select(c => new Complaint(c.OpenedOn, c.IsOpen)).ToList());

        /// <summary>Survey answers of the last <see cref="CustomerFactsLedger.SurveyYears"/> years.</summary>
        public static readonly LedgerSlot<SurveyEntry> Surveys = new LedgerSlot<SurveyEntry>("s", l => l.Surveys, LedgerJson.Survey, LedgerJson.Survey,
            (s, at) => s.Removed ? at.Expired(s) : s.AnsweredOn < CustomerFactsLedger.SurveysFrom(at.AsOf),
            (entries, facts, at) => facts.Surveys = entries.Live.Where(s => s.AnsweredOn >= CustomerFactsLedger.SurveysFrom(at.AsOf))
                .Select(s => new SurveyResponse(s.AnsweredOn, s.Score)).ToList());

        /// <summary>Customers this customer referred, however long ago.</summary>
        public static readonly LedgerSlot<ReferralEntry> Referrals = new LedgerSlot<ReferralEntry>("r", l => l.Referrals, (_, __) => { }, (_, __, ___) => false,
            (r, at) => at.Expired(r), (entries, facts, _) => facts.ReferralsMade = entries.Live.Count());

        /// <summary>An account's contacts: only an account's facts carry them.</summary>
        public static readonly LedgerSlot<ContactEntry> Contacts = new LedgerSlot<ContactEntry>("k", l => l.Contacts, LedgerJson.Contact, LedgerJson.Contact,
            (c, at) => at.Expired(c),
            (entries, facts, at) => facts.Contacts = at.CoversContacts
                ? entries.Where(c => !c.Value.Removed).Select(c => new KnownContact(c.Key, c.Value.Layer, c.Value.Function, c.Value.LastActivityOn)).ToList()
                : null);

        /// <summary>Competitor presences and opportunities lost to a competitor, within competition.recentDays.</summary>
        public static readonly LedgerSlot<CompetitorEntry> Competitors = new LedgerSlot<CompetitorEntry>("cp", l => l.Competitors, LedgerJson.Competitor, LedgerJson.Competitor,
            (c, at) => c.Removed ? at.Expired(c) : c.On < at.AsOf.AddDays(-at.Settings.Competition.RecentDays),
            (entries, facts, _) => facts.Competitors = entries.Where(c => !c.Value.Removed).Select(c => new CompetitorSignal(c.Key, c.Value.Competitor, c.Value.Kind,
                c.Value.On, c.Value.Trend, c.Value.Satisfaction, c.Value.Relationship, c.Value.Representative, c.Value.Products)).ToList());

        /// <summary>Losses stay, removed ones too: a loss a user deleted must not be detected again.</summary>
        public static readonly LedgerSlot<LossEntry> Losses = new LedgerSlot<LossEntry>("l", l => l.Losses, LedgerJson.Loss, LedgerJson.Loss, null,
            (entries, facts, _) =>
            {
                facts.Losses = entries.Where(l => !l.Value.Removed).Select(l => new CustomerLossRecord(l.Key, l.Value.LostOn, l.Value.Detection, l.Value.Family, l.Value.Cause,
                    l.Value.Outcome, l.Value.RecoveredOn, l.Value.TierAtLoss)).ToList();
                facts.DismissedLosses = new HashSet<System.Guid>(entries.Where(l => l.Value.Removed).Select(l => l.Key));
            });

        /// <summary>In the order the ledger document lists them.</summary>
        public static readonly IReadOnlyList<LedgerSlot> All = new LedgerSlot[] { Complaints, Surveys, Referrals, Contacts, Competitors, Losses };
    }
}
