using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Rfm;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Evaluation
{
    /// <summary>Everything known about one customer at evaluation time.</summary>
    public sealed class CustomerFacts
    {
        public Guid CustomerId { get; set; }
        public DateTime AsOf { get; set; }
        public PurchaseSummary Purchases { get; set; }
        public IReadOnlyCollection<SurveyResponse> Surveys { get; set; } = Array.Empty<SurveyResponse>();
        public IReadOnlyCollection<Complaint> Complaints { get; set; } = Array.Empty<Complaint>();
        public int ReferralsMade { get; set; }
        public ValueTier? PreviousTier { get; set; }

        /// <summary>When the previous tier was placed (the customer's last evaluation), if known.</summary>
        public DateTime? PreviousEvaluatedOn { get; set; }
        public IReadOnlyDictionary<RetentionActionKind, DateTime> LastCompletedActions { get; set; } = new Dictionary<RetentionActionKind, DateTime>();
    }

    public sealed class CustomerAssessment
    {
        public RfmScore Rfm { get; set; }
        public CustomerValue Value { get; set; }
        public ValueTier Tier { get; set; }
        public TierPolicy Policy { get; set; }
        public LifecycleAssessment Lifecycle { get; set; }
        public LoyaltyAssessment Loyalty { get; set; }
        public ChurnRisk Churn { get; set; }

        /// <summary>Repeat purchases, tenure and silence as the purchase model saw them; null without a purchase.</summary>
        public PurchaseRhythm? Rhythm { get; set; }
        public IReadOnlyList<RetentionAction> RetentionActions { get; set; }
    }

    /// <summary>Runs every rule over one customer's facts: the single entry point plugins and workflow activities call.</summary>
    public sealed class CustomerEvaluator
    {
        private readonly CrmExtensionsSettings _settings;
        private readonly RfmScorer _rfm;
        private readonly CustomerLifetimeProfit _clp;
        private readonly CustomerValueMatrix _matrix;
        private readonly LifecycleClassifier _lifecycle;
        private readonly LoyaltyAssessor _loyalty;
        private readonly ChurnWarning _churn;
        private readonly RetentionPolicy _retention;

        public CustomerEvaluator(CrmExtensionsSettings settings)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _rfm = new RfmScorer(settings.Rfm);
            var model = PurchaseModel.From(settings);
            _clp = new CustomerLifetimeProfit(settings, model);
            _matrix = CustomerValueMatrix.From(settings);
            _lifecycle = new LifecycleClassifier(settings, model);
            _loyalty = new LoyaltyAssessor(settings);
            _churn = new ChurnWarning(settings, model);
            _retention = new RetentionPolicy(settings.Retention);
        }

        public CrmExtensionsSettings Settings => _settings;

        /// <summary>
        /// The previous tier the hysteresis band holds on to; none when it was placed at or before the org's first
        /// calibration, i.e. against the placeholder lines rather than the org's own percentiles.
        /// </summary>
        private ValueTier? AnchoringTier(CustomerFacts facts)
        {
            var calibration = _settings.Calibration;
            var placeholder = _settings.ValueMatrix.Thresholds == ThresholdMode.Percentile && calibration != null
                && facts.PreviousEvaluatedOn.HasValue && facts.PreviousEvaluatedOn.Value <= calibration.FirstCalibratedOn;
            return placeholder ? null : facts.PreviousTier;
        }

        public CustomerAssessment Evaluate(CustomerFacts facts)
        {
            if (facts == null) throw new DomainValidationException("Customer facts are required.");
            var purchases = facts.Purchases ?? throw new DomainValidationException("Customer facts carry no purchase summary.");
            if (purchases.LastPurchaseOn > facts.AsOf.AddDays(_settings.Analysis.FutureToleranceDays))
                throw new DomainValidationException($"The last purchase ({purchases.LastPurchaseOn:yyyy-MM-dd}) is after the evaluation date ({facts.AsOf:yyyy-MM-dd}).");

            var window = purchases.Recent(_settings.Analysis.WindowPeriods);
            int? recencyDays = purchases.LastPurchaseOn.HasValue ? Math.Max(0, (int)(facts.AsOf - purchases.LastPurchaseOn.Value).TotalDays) : (int?)null;
            var rfm = _rfm.Score(recencyDays, window.Orders, window.Revenue);
            var churn = _churn.Assess(purchases, facts.Surveys, facts.Complaints, facts.AsOf);
            // What the purchase model expects is kept only as far as the other warning signs leave the customer with us.
            var value = _clp.Evaluate(purchases, facts.ReferralsMade, facts.AsOf, churn.StayingDespiteOtherSigns);
            var tier = _matrix.Classify(value.CurrentValue, value.GrowthPotential, AnchoringTier(facts));
            var lifecycle = _lifecycle.Classify(purchases, facts.AsOf);
            var loyalty = _loyalty.Assess(purchases, facts.Surveys, facts.ReferralsMade, lifecycle.Stage);
            var actions = _retention.DueActions(facts.CustomerId, tier, lifecycle.Stage, churn.Band, facts.AsOf, facts.LastCompletedActions);
            return new CustomerAssessment
            {
                Rfm = rfm,
                Value = value,
                Tier = tier,
                Policy = _matrix.PolicyFor(tier),
                Lifecycle = lifecycle,
                Loyalty = loyalty,
                Churn = churn,
                Rhythm = PurchaseRhythm.Of(purchases, facts.AsOf),
                RetentionActions = actions,
            };
        }
    }
}
