using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Relationship;
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

        /// <summary>Dates of the purchases held one by one (the analysis window): when a lost customer came back.</summary>
        public IReadOnlyCollection<DateTime> RecentPurchaseDates { get; set; } = Array.Empty<DateTime>();

        /// <summary>The people we know at an account; null for a contact (coverage applies to accounts).</summary>
        public IReadOnlyCollection<KnownContact> Contacts { get; set; }

        public IReadOnlyCollection<CompetitorSignal> Competitors { get; set; } = Array.Empty<CompetitorSignal>();
        public IReadOnlyCollection<CustomerLossRecord> Losses { get; set; } = Array.Empty<CustomerLossRecord>();

        /// <summary>Losses users deleted: not to be recorded again.</summary>
        public ICollection<Guid> DismissedLosses { get; set; } = Array.Empty<Guid>();

        public RelationshipType? RelationshipTypeOverride { get; set; }

        /// <summary>The account's subsidiaries as just read, to roll up; null when the group is not rolled up this time.</summary>
        public IReadOnlyCollection<GroupMember> GroupMembers { get; set; }

        /// <summary>The group tier stored by the last roll-up: what the relationship work follows between roll-ups.</summary>
        public ValueTier? StoredGroupTier { get; set; }
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

        public RelationshipTypeAssessment RelationshipType { get; set; }

        /// <summary>Null for a contact.</summary>
        public AccountCoverage Coverage { get; set; }

        public LossAssessment Loss { get; set; }

        /// <summary>The roll-up of the account's subsidiaries; null when it has none or was not rolled up this time.</summary>
        public AccountGroupAssessment Group { get; set; }

        /// <summary>The tier the relationship work follows: the group's for a parent account, else the customer's own.</summary>
        public ValueTier RelationshipTier { get; set; }

        public bool IsKeyAccount { get; set; }
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
        private readonly RelationshipTypeClassifier _types;
        private readonly CoverageAssessor _coverage;
        private readonly CompetitorAssessor _competitors;
        private readonly LossDetector _losses;
        private readonly AccountGroupRollup _groups;

        public CustomerEvaluator(CrmExtensionsSettings settings) : this(settings, null)
        {
        }

        /// <summary><paramref name="horizon"/>: the churn outlook's, where it is not the settings' (a backtest asks about its holdout).</summary>
        public CustomerEvaluator(CrmExtensionsSettings settings, ChurnHorizon horizon)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _rfm = new RfmScorer(settings.Rfm);
            var model = PurchaseModel.From(settings);
            _clp = new CustomerLifetimeProfit(settings, model);
            _matrix = CustomerValueMatrix.From(settings);
            _lifecycle = new LifecycleClassifier(settings, model);
            _loyalty = new LoyaltyAssessor(settings);
            _churn = new ChurnWarning(settings, model, horizon ?? ChurnHorizon.Of(settings.Churn));
            _retention = new RetentionPolicy(settings.Retention, settings.Coverage);
            _types = new RelationshipTypeClassifier(settings, model);
            _coverage = new CoverageAssessor(settings.Coverage);
            _competitors = new CompetitorAssessor(settings.Competition);
            _losses = new LossDetector(settings, model);
            _groups = new AccountGroupRollup(settings);
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
            var purchaseRisk = _churn.Assess(purchases, facts.Surveys, facts.Complaints, facts.AsOf);
            // What the purchase model expects is kept only as far as the signals it cannot see (satisfaction, complaints) leave the customer with us.
            var value = _clp.Evaluate(purchases, facts.ReferralsMade, facts.AsOf, purchaseRisk.StayingDespiteOtherSigns);
            var tier = _matrix.Classify(value.CurrentValue, value.GrowthPotential, AnchoringTier(facts));
            var lifecycle = _lifecycle.Classify(purchases, facts.AsOf);
            var loyalty = _loyalty.Assess(purchases, facts.Surveys, facts.ReferralsMade, lifecycle.Stage);
            var type = _types.Classify(purchases, facts.AsOf, facts.RelationshipTypeOverride);

            // Relationship signals follow the tier the relationship work follows: a parent's is its group's (the parent enters
            // its group with its purchase-based risk, as the coverage that group tier decides is not known yet).
            var group = facts.GroupMembers == null ? null : _groups.Roll(
                new GroupMember(facts.CustomerId, null, "the parent itself", value.CurrentValue, value.GrowthPotential, value.LifetimeProfit, purchaseRisk.Score, purchaseRisk.ReasonsText),
                facts.GroupMembers, tier, facts.StoredGroupTier);
            var relationshipTier = group?.Tier ?? (facts.GroupMembers == null ? facts.StoredGroupTier : null) ?? tier;
            var decisionMakerMet = facts.LastCompletedActions.TryGetValue(RetentionActionKind.MeetDecisionMaker, out var met) ? met : (DateTime?)null;
            var coverage = facts.Contacts == null ? null : _coverage.Assess(facts.Contacts, relationshipTier, facts.AsOf, decisionMakerMet);
            var churn = _churn.WithReasons(purchaseRisk, (coverage?.Gaps ?? Array.Empty<ChurnReason>()).Concat(_competitors.Assess(facts.Competitors, facts.AsOf)));
            var loss = _losses.Assess(facts.CustomerId, purchases, facts.RecentPurchaseDates, facts.Losses, facts.DismissedLosses, churn, facts.AsOf);

            var keyAccount = _retention.IsKeyAccount(relationshipTier, type.Type);
            var actions = _retention.DueActions(facts.CustomerId, relationshipTier, lifecycle.Stage, churn.Band, facts.AsOf, facts.LastCompletedActions,
                new RetentionCircumstances { RelationshipType = type.Type, CoverageGap = coverage?.GapSummary, OpenLoss = loss.Open });
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
                RelationshipType = type,
                Coverage = coverage,
                Loss = loss,
                Group = group,
                RelationshipTier = relationshipTier,
                IsKeyAccount = keyAccount,
            };
        }
    }
}
