using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Loss
{
    /// <summary>A loss as the customer's ledger knows it: when, how it was recorded, its cause, and whether the customer came back.</summary>
    public sealed class CustomerLossRecord
    {
        public CustomerLossRecord(Guid id, DateTime lostOn, LossDetection detection, LossCauseFamily? family = null, LossCause? cause = null,
            WinBackOutcome? outcome = null, DateTime? recoveredOn = null)
        {
            Id = id;
            LostOn = lostOn;
            Detection = detection;
            Family = family;
            Cause = cause;
            Outcome = outcome;
            RecoveredOn = recoveredOn;
        }

        public Guid Id { get; }
        public DateTime LostOn { get; }
        public LossDetection Detection { get; }
        public LossCauseFamily? Family { get; }
        public LossCause? Cause { get; }
        public WinBackOutcome? Outcome { get; }

        /// <summary>The first purchase after the loss; null while the customer is lost.</summary>
        public DateTime? RecoveredOn { get; }

        public bool IsOpen => !RecoveredOn.HasValue;
    }

    /// <summary>A loss the rules found and that is to be recorded.</summary>
    public sealed class DetectedLoss
    {
        public DetectedLoss(Guid id, DateTime lostOn, DateTime lastPurchaseOn, int silentDays, LossCauseFamily? suggestedFamily, string evidence)
        {
            Id = id;
            LostOn = lostOn;
            LastPurchaseOn = lastPurchaseOn;
            SilentDays = silentDays;
            SuggestedFamily = suggestedFamily;
            Evidence = evidence;
        }

        public Guid Id { get; }
        public DateTime LostOn { get; }
        public DateTime LastPurchaseOn { get; }
        public int SilentDays { get; }

        /// <summary>The family the warning signs point to (competitor signals, or complaints and falling satisfaction); null: ask the user.</summary>
        public LossCauseFamily? SuggestedFamily { get; }

        /// <summary>The warning signs at the time, for whoever records the cause.</summary>
        public string Evidence { get; }
    }

    public sealed class LossAssessment
    {
        public static readonly LossAssessment None = new LossAssessment(null, null, Array.Empty<CustomerLossRecord>());

        public LossAssessment(CustomerLossRecord open, DetectedLoss detected, IReadOnlyList<CustomerLossRecord> recovered)
        {
            Open = open;
            Detected = detected;
            Recovered = recovered;
        }

        /// <summary>The loss the customer is in after this evaluation (a recorded one, or the one just detected); null when not lost.</summary>
        public CustomerLossRecord Open { get; }

        /// <summary>A new loss to record; null when there is none.</summary>
        public DetectedLoss Detected { get; }

        /// <summary>Open losses the customer's purchases have ended, with the date it came back, to record as won back.</summary>
        public IReadOnlyList<CustomerLossRecord> Recovered { get; }
    }

    /// <summary>
    /// A customer is lost when it has bought nothing for longer than loss.noPurchaseDays and more than loss.ownIntervals of
    /// its own usual intervals between purchases (so a customer who buys every two years is not lost after one), or when
    /// a user closed it as lost. The loss is dated when the silence crossed that line, and identified by the customer and
    /// its last purchase, so it is recorded once however often the customer is evaluated; a loss a user deleted is not
    /// recorded again. A purchase after the loss date wins the customer back.
    /// </summary>
    public sealed class LossDetector
    {
        private readonly CrmExtensionsSettings _settings;
        private readonly PurchaseModel _model;

        public LossDetector(CrmExtensionsSettings settings, PurchaseModel model)
        {
            _settings = settings;
            _model = model;
        }

        public static Guid LossIdFor(Guid customerId, DateTime lastPurchaseOn) =>
            NameBasedId.Of("cx-loss/" + customerId.ToString("N") + "|" + lastPurchaseOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        public LossAssessment Assess(Guid customerId, PurchaseSummary purchases, IReadOnlyCollection<DateTime> recentPurchaseDates,
            IReadOnlyCollection<CustomerLossRecord> losses, ICollection<Guid> dismissed, ChurnRisk churn, DateTime asOf)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            var known = (losses ?? Array.Empty<CustomerLossRecord>()).Where(l => l != null).ToList();
            var last = purchases.LastPurchaseOn;
            var recovered = new List<CustomerLossRecord>();
            var open = new List<CustomerLossRecord>();
            foreach (var loss in known.Where(l => l.IsOpen))
            {
                if (last.HasValue && last.Value > loss.LostOn)
                {
                    var back = (recentPurchaseDates ?? Array.Empty<DateTime>()).Where(d => d > loss.LostOn).DefaultIfEmpty(last.Value).Min();
                    recovered.Add(new CustomerLossRecord(loss.Id, loss.LostOn, loss.Detection, loss.Family, loss.Cause, WinBackOutcome.WonBack, back));
                }
                else open.Add(loss);
            }
            var current = open.OrderByDescending(l => l.LostOn).FirstOrDefault();
            if (current != null || !last.HasValue) return new LossAssessment(current, null, recovered);

            var rhythm = PurchaseRhythm.Of(purchases, asOf).Value;
            var threshold = Math.Max(_settings.Loss.NoPurchaseDays, (double)_settings.Loss.OwnIntervals * (rhythm.UsualIntervalDays ?? _model.TypicalIntervalDays));
            if (rhythm.DaysSinceLastPurchase <= threshold) return new LossAssessment(null, null, recovered);
            var id = LossIdFor(customerId, last.Value);
            if (known.Any(l => l.Id == id) || (dismissed != null && dismissed.Contains(id))) return new LossAssessment(null, null, recovered);

            var lostOn = last.Value.AddDays(Math.Ceiling(threshold));
            var detected = new DetectedLoss(id, lostOn, last.Value, (int)rhythm.DaysSinceLastPurchase, SuggestedFamily(churn), churn?.ReasonsText ?? "");
            return new LossAssessment(new CustomerLossRecord(id, lostOn, LossDetection.NoPurchase, detected.SuggestedFamily), detected, recovered);
        }

        private static LossCauseFamily? SuggestedFamily(ChurnRisk churn)
        {
            var codes = new HashSet<ChurnReasonCode>((churn?.Reasons ?? Array.Empty<ChurnReason>()).Select(r => r.Code));
            if (codes.Contains(ChurnReasonCode.CompetitorGainingGround) || codes.Contains(ChurnReasonCode.LostToCompetitor)) return LossCauseFamily.Competitor;
            if (codes.Contains(ChurnReasonCode.Complaints) || codes.Contains(ChurnReasonCode.SatisfactionDecline)) return LossCauseFamily.OurSide;
            return null;
        }
    }
}
