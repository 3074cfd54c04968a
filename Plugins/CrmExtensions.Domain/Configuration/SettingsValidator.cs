using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>Checks every field of bound settings, one validator per section, and reports every problem at once.</summary>
    internal static class SettingsValidator
    {
        /// <exception cref="DomainValidationException">A field breaks its rule.</exception>
        public static void Validate(CrmExtensionsSettings s)
        {
            var errors = new SettingsErrors();
            Section(errors, s.Analysis, "analysis", Analysis);
            Section(errors, s.Rfm, "rfm", Rfm);
            Section(errors, s.Clp, "clp", Clp);
            Section(errors, s.ValueMatrix, "valueMatrix", ValueMatrix);
            Section(errors, s.Lifecycle, "lifecycle", Lifecycle);
            Section(errors, s.Loyalty, "loyalty", Loyalty);
            Section(errors, s.Churn, "churn", Churn);
            Section(errors, s.Retention, "retention", Retention);
            Section(errors, s.Coverage, "coverage", Coverage);
            Section(errors, s.Competition, "competition", Competition);
            Section(errors, s.RelationshipType, "relationshipType", RelationshipType);
            Section(errors, s.Loss, "loss", Loss);
            Section(errors, s.Hierarchy, "hierarchy", Hierarchy);
            Section(errors, s.History, "history", History);
            Section(errors, s.Purchases, "purchases", Purchases);
            Section(errors, s.Complaints, "complaints", Complaints);
            CheckModel(s.PurchaseModel, "purchaseModel", errors);
            // Null until a calibration has run.
            if (s.Calibration != null) Calibration(errors, s.Calibration);

            errors.ThrowIfAny();
        }

        private static void Analysis(SettingsErrors errors, AnalysisSettings a)
        {
            errors.Check(a.PeriodMonths >= 1 && a.PeriodMonths <= 12, "analysis.periodMonths", "must be between 1 and 12");
            errors.Check(a.WindowPeriods >= 1, "analysis.windowPeriods", "must be at least 1");
            errors.Check(a.HistoryPeriods >= a.WindowPeriods && a.HistoryPeriods <= 120, "analysis.historyPeriods", "must be at least windowPeriods and at most 120");
            errors.Check(a.FutureToleranceDays >= 0, "analysis.futureToleranceDays", "must not be negative");
        }

        private static void Rfm(SettingsErrors errors, RfmSettings r)
        {
            errors.Check(Ascending(r.RecencyDays?.Select(x => (decimal)x), 4, 0), "rfm.recencyDays", "must be 4 ascending non-negative whole numbers");
            errors.Check(Ascending(r.Frequency?.Select(x => (decimal)x), 4, 1), "rfm.frequency", "must be 4 ascending counts of at least 1");
            errors.Check(Ascending(r.Monetary, 4, 0), "rfm.monetary", "must be 4 ascending non-negative amounts");
        }

        private static void Clp(SettingsErrors errors, ClpSettings clp)
        {
            errors.Check(clp.DiscountRate >= 0 && clp.DiscountRate < 1, "clp.discountRate", "must be at least 0 and below 1");
            errors.Check(clp.HorizonYears >= 1 && clp.HorizonYears <= 50, "clp.horizonYears", "must be between 1 and 50");
            errors.Check(clp.DefaultMarginRate >= 0 && clp.DefaultMarginRate <= 1, "clp.defaultMarginRate", "must be between 0 and 1");
            errors.Check(clp.ProductFamilyCount >= 1, "clp.productFamilyCount", "must be at least 1");
            errors.Check(clp.CrossSellProbability >= 0 && clp.CrossSellProbability <= 1, "clp.crossSellProbability", "must be between 0 and 1");
            errors.Check(clp.ReferralValue >= 0, "clp.referralValue", "must not be negative");
            errors.Check(clp.PotentialRampYears >= 1, "clp.potentialRampYears", "must be at least 1");
        }

        private static void ValueMatrix(SettingsErrors errors, ValueMatrixSettings v)
        {
            errors.Check(Enum.IsDefined(typeof(ThresholdMode), v.Thresholds), "valueMatrix.thresholds", "must be percentile or absolute");
            errors.Check(v.CurrentValueTopShare > 0 && v.CurrentValueTopShare < 1, "valueMatrix.currentValueTopShare", "must be above 0 and below 1");
            errors.Check(v.GrowthPotentialTopShare > 0 && v.GrowthPotentialTopShare < 1, "valueMatrix.growthPotentialTopShare", "must be above 0 and below 1");
            errors.Check(v.CurrentValueThreshold > 0, "valueMatrix.currentValueThreshold", "must be greater than 0");
            errors.Check(v.GrowthPotentialThreshold > 0, "valueMatrix.growthPotentialThreshold", "must be greater than 0");
            errors.Check(v.HysteresisBand >= 0 && v.HysteresisBand < 1, "valueMatrix.hysteresisBand", "must be at least 0 and below 1");
            foreach (ValueTier tier in Enum.GetValues(typeof(ValueTier)))
                errors.Check(v.Policies != null && v.Policies.ContainsKey(tier), $"valueMatrix.policies.{tier.ToString().ToLowerInvariant()}", "is required");
        }

        private static void Lifecycle(SettingsErrors errors, LifecycleSettings l)
        {
            errors.Check(l.ExplorationMonths >= 1, "lifecycle.explorationMonths", "must be at least 1");
            errors.Check(l.StabilityMonths > l.ExplorationMonths, "lifecycle.stabilityMonths", "must be greater than explorationMonths");
            errors.Check(l.LongLastingMonths > l.StabilityMonths, "lifecycle.longLastingMonths", "must be greater than stabilityMonths");
            errors.Check(l.StablePurchases >= 2, "lifecycle.stablePurchases", "must be at least 2");
            errors.Check(l.OverdueIntervals > 1, "lifecycle.overdueIntervals", "must be greater than 1");
            errors.Check(l.TrendTolerance >= 0 && l.TrendTolerance < 1, "lifecycle.trendTolerance", "must be at least 0 and below 1");
        }

        private static void Loyalty(SettingsErrors errors, LoyaltySettings y)
        {
            errors.Check(y.SurveyScaleMax >= 1, "loyalty.surveyScaleMax", "must be at least 1");
            void Fraction(decimal value, string name) => errors.Check(value >= 0 && value <= 1, "loyalty." + name, "must be between 0 and 1");
            Fraction(y.SatisfiedThreshold, "satisfiedThreshold");
            Fraction(y.TrustRepeatRate, "trustRepeatRate");
            Fraction(y.BehaviouralRepeatRate, "behaviouralRepeatRate");
            Fraction(y.BehaviouralCrossBreadth, "behaviouralCrossBreadth");
            Fraction(y.EmotionalPriceTolerance, "emotionalPriceTolerance");
            errors.Check(y.EmotionalReferrals >= 0, "loyalty.emotionalReferrals", "must not be negative");
            errors.Check(y.SustainableReferrals >= y.EmotionalReferrals, "loyalty.sustainableReferrals", "must be at least emotionalReferrals");
        }

        private static void Churn(SettingsErrors errors, ChurnSettings ch)
        {
            errors.Check(ch.HorizonMonths >= 1 && ch.HorizonMonths <= 60, "churn.horizonMonths", "must be between 1 and 60");
            errors.Check(ch.ActivityDeclineThreshold > 0 && ch.ActivityDeclineThreshold <= 1, "churn.activityDeclineThreshold", "must be above 0 and at most 1");
            errors.Check(ch.SatisfactionDropThreshold > 0 && ch.SatisfactionDropThreshold <= 1, "churn.satisfactionDropThreshold", "must be above 0 and at most 1");
            void Points(int value, string name) => errors.Check(value >= 0 && value <= 100, "churn." + name, "must be between 0 and 100");
            Points(ch.SatisfactionDropPoints, "satisfactionDropPoints");
            Points(ch.OpenComplaintPoints, "openComplaintPoints");
            Points(ch.RecentComplaintPoints, "recentComplaintPoints");
            Points(ch.ComplaintPointsCap, "complaintPointsCap");
            errors.Check(ch.RecentComplaintDays >= 1, "churn.recentComplaintDays", "must be at least 1");
            errors.Check(ch.MediumRiskFrom > 0 && ch.MediumRiskFrom < ch.HighRiskFrom && ch.HighRiskFrom <= 100, "churn.mediumRiskFrom/highRiskFrom",
                "must satisfy 0 < mediumRiskFrom < highRiskFrom <= 100");
        }

        private static void Retention(SettingsErrors errors, RetentionSettings rt)
        {
            foreach (ValueTier tier in Enum.GetValues(typeof(ValueTier)))
            {
                var name = tier.ToString().ToLowerInvariant();
                if (rt.Cadences == null || !rt.Cadences.TryGetValue(tier, out var rules) || rules == null)
                {
                    errors.Add($"retention.cadences.{name} is required (use [] for none)");
                    continue;
                }
                for (var i = 0; i < rules.Count; i++)
                    errors.Check(rules[i] != null && rules[i].EveryDays >= 1 && rules[i].EveryDays <= 3650, $"retention.cadences.{name}[{i}].everyDays", "must be between 1 and 3650");
                errors.Check(rules.Where(x => x != null).Select(x => x.Kind).Distinct().Count() == rules.Count(x => x != null), $"retention.cadences.{name}", "lists an action kind twice");
            }
            errors.Check(rt.WinBackDueDays >= 0, "retention.winBackDueDays", "must not be negative");
            errors.Check(rt.PlannedExitDueDays >= 0, "retention.plannedExitDueDays", "must not be negative");
            errors.Check(string.IsNullOrWhiteSpace(rt.KeyAccountTeamId) || Guid.TryParse(rt.KeyAccountTeamId, out _), "retention.keyAccountTeamId", "must be empty or a team id (GUID)");
            errors.Check(rt.KeyAccountTiers != null && rt.KeyAccountTiers.All(t => Enum.IsDefined(typeof(ValueTier), t)), "retention.keyAccountTiers", "must list tiers (use [] for none)");
            errors.Check(rt.RelationshipBuilding != null && rt.RelationshipBuilding.All(k => Enum.IsDefined(typeof(RetentionActionKind), k)),
                "retention.relationshipBuilding", "must list retention action kinds (use [] for none)");
            errors.Check(rt.MeetDecisionMakerDueDays >= 0, "retention.meetDecisionMakerDueDays", "must not be negative");
        }

        private static void Coverage(SettingsErrors errors, CoverageSettings cv)
        {
            errors.Check(cv.Tiers != null && cv.Tiers.All(t => Enum.IsDefined(typeof(ValueTier), t)), "coverage.tiers", "must list tiers (use [] to switch the coverage rules off)");
            errors.Check(cv.DecisionContactDays >= 1, "coverage.decisionContactDays", "must be at least 1");
            errors.Check(Points(cv.MissingDecisionPoints) && Points(cv.MissingFinancePoints) && Points(cv.SilentDecisionPoints),
                "coverage.missingDecisionPoints/missingFinancePoints/silentDecisionPoints", "must be between 0 and 100");
        }

        private static void Competition(SettingsErrors errors, CompetitionSettings cm)
        {
            errors.Check(cm.RecentDays >= 1, "competition.recentDays", "must be at least 1");
            errors.Check(Points(cm.GainingGroundPoints) && Points(cm.LostOpportunityPoints), "competition.gainingGroundPoints/lostOpportunityPoints", "must be between 0 and 100");
        }

        private static void RelationshipType(SettingsErrors errors, RelationshipTypeSettings ty)
        {
            errors.Check(ty.MinRepeatPurchases >= 1, "relationshipType.minRepeatPurchases", "must be at least 1");
            errors.Check(ty.MinPriceTolerance >= 0 && ty.MinPriceTolerance <= 1, "relationshipType.minPriceTolerance", "must be between 0 and 1");
        }

        private static void Loss(SettingsErrors errors, LossSettings ls)
        {
            errors.Check(ls.NoPurchaseDays >= 1, "loss.noPurchaseDays", "must be at least 1");
            errors.Check(ls.OwnIntervals >= 1, "loss.ownIntervals", "must be at least 1");
        }

        private static void Hierarchy(SettingsErrors errors, HierarchySettings h)
        {
            errors.Check(Enum.IsDefined(typeof(GroupValueRollup), h.Value), "hierarchy.value", "must be sum or parentOnly");
            errors.Check(Enum.IsDefined(typeof(GroupChurnRollup), h.Churn), "hierarchy.churn", "must be worst or valueWeighted");
            errors.Check(h.MaxDepth >= 1 && h.MaxDepth <= 50, "hierarchy.maxDepth", "must be between 1 and 50");
        }

        private static void History(SettingsErrors errors, HistorySettings sh)
        {
            errors.Check(sh.RetentionDays >= HistorySettings.MinRetentionDays && sh.RetentionDays <= 3650, "history.retentionDays", $"must be between {HistorySettings.MinRetentionDays} and 3650");
            errors.Check(sh.TopReasons >= HistorySettings.MinTopReasons && sh.TopReasons <= 10, "history.topReasons", $"must be between {HistorySettings.MinTopReasons} and 10");
        }

        private static void Purchases(SettingsErrors errors, PurchaseSettings pu)
        {
            errors.Check(Enum.IsDefined(typeof(OrderStage), pu.OrderCountsFrom), "purchases.orderCountsFrom", "must be active, submitted, fulfilled or invoiced");
            errors.Check(pu.OrderDates != null && pu.OrderDates.Count > 0 && pu.OrderDates.All(d => Enum.IsDefined(typeof(OrderDate), d))
                && pu.OrderDates.Distinct().Count() == pu.OrderDates.Count, "purchases.orderDates",
                "must list dateFulfilled, submitDate or createdOn, each at most once");
        }

        /// <summary>Case type values are positive option values; a repeat would only hide a typo.</summary>
        private static void Complaints(SettingsErrors errors, ComplaintSettings co) =>
            errors.Check(co.CaseTypes != null && co.CaseTypes.Count > 0 && co.CaseTypes.All(t => t > 0) && co.CaseTypes.Distinct().Count() == co.CaseTypes.Count,
                "complaints.caseTypes", "must list at least one case type value, each a positive number listed at most once");

        private static void Calibration(SettingsErrors errors, CalibrationSettings cal)
        {
            errors.Check(cal.Population >= 1 && cal.ActiveCustomers >= 1 && cal.ActiveCustomers <= cal.Population, "calibration.population/activeCustomers",
                "must satisfy 1 <= activeCustomers <= population");
            errors.Check(cal.FirstCalibratedOn <= cal.CalibratedOn, "calibration.firstCalibratedOn", "must not be after calibratedOn");
            errors.Check(cal.CurrentValueThreshold > 0, "calibration.currentValueThreshold", "must be greater than 0");
            errors.Check(cal.GrowthPotentialThreshold > 0, "calibration.growthPotentialThreshold", "must be greater than 0");
            errors.Check(cal.GrowthPotentialThresholdAtHighValue > 0, "calibration.growthPotentialThresholdAtHighValue", "must be greater than 0");
            CheckModel(cal.PurchaseModel, "calibration.purchaseModel", errors);
        }

        private static bool Points(int value) => value >= 0 && value <= 100;

        private static void CheckModel(PurchaseModelParameters m, string name, SettingsErrors errors)
        {
            if (m == null) errors.Add($"{name} is required");
            else if (!(m.R > 0 && m.Alpha > 0 && m.A > 0 && m.B > 0) || double.IsInfinity(m.R + m.Alpha + m.A + m.B))
                errors.Add($"{name}.r, alpha, a and b must be finite and greater than 0");
        }

        /// <summary>A missing section is an error; a present one is checked by its own validator.</summary>
        private static void Section<T>(SettingsErrors errors, T section, string name, Action<SettingsErrors, T> validate) where T : class
        {
            if (section == null) errors.Add($"{name} is required");
            else validate(errors, section);
        }

        private static bool Ascending(IEnumerable<decimal> values, int count, decimal minimum)
        {
            var list = values?.ToList();
            if (list == null || list.Count != count || list[0] < minimum) return false;
            for (var i = 1; i < list.Count; i++) if (list[i] <= list[i - 1]) return false;
            return true;
        }
    }
}
