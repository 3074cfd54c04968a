using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>Checks every field of bound settings and reports every problem at once, naming each field as the document spells it.</summary>
    internal static class SettingsValidator
    {
        /// <exception cref="DomainValidationException">A field breaks its rule.</exception>
        public static void Validate(CrmExtensionsSettings s)
        {
            var errors = new List<string>();
            void Check(bool ok, string field, string rule) { if (!ok) errors.Add($"{field} {rule}"); }
            T Section<T>(T section, string name) where T : class
            {
                if (section == null) errors.Add($"{name} is required");
                return section;
            }

            var a = Section(s.Analysis, "analysis");
            if (a != null)
            {
                Check(a.PeriodMonths >= 1 && a.PeriodMonths <= 12, "analysis.periodMonths", "must be between 1 and 12");
                Check(a.WindowPeriods >= 1, "analysis.windowPeriods", "must be at least 1");
                Check(a.HistoryPeriods >= a.WindowPeriods && a.HistoryPeriods <= 120, "analysis.historyPeriods", "must be at least windowPeriods and at most 120");
                Check(a.FutureToleranceDays >= 0, "analysis.futureToleranceDays", "must not be negative");
            }

            var c = Section(s.Currency, "currency");
            if (c != null)
            {
                Check(!string.IsNullOrWhiteSpace(c.BaseCurrency) && c.BaseCurrency.Length == 3, "currency.baseCurrency", "must be a 3-letter ISO code");
                Check(c.ExchangeRates != null && c.ExchangeRates.Count > 0, "currency.exchangeRates", "must list at least the base currency");
                foreach (var rate in c.ExchangeRates ?? new Dictionary<string, decimal>())
                    Check(rate.Value > 0, $"currency.exchangeRates.{rate.Key}", "must be greater than 0");
                if (c.ExchangeRates != null && c.BaseCurrency != null)
                    Check(c.ExchangeRates.TryGetValue(c.BaseCurrency, out var baseRate) && baseRate == 1m, $"currency.exchangeRates.{c.BaseCurrency}", "must be 1 (the base currency)");
            }

            var r = Section(s.Rfm, "rfm");
            if (r != null)
            {
                Check(Ascending(r.RecencyDays?.Select(x => (decimal)x), 4, 0), "rfm.recencyDays", "must be 4 ascending non-negative whole numbers");
                Check(Ascending(r.Frequency?.Select(x => (decimal)x), 4, 1), "rfm.frequency", "must be 4 ascending counts of at least 1");
                Check(Ascending(r.Monetary, 4, 0), "rfm.monetary", "must be 4 ascending non-negative amounts");
            }

            var clp = Section(s.Clp, "clp");
            if (clp != null)
            {
                Check(clp.DiscountRate >= 0 && clp.DiscountRate < 1, "clp.discountRate", "must be at least 0 and below 1");
                Check(clp.HorizonYears >= 1 && clp.HorizonYears <= 50, "clp.horizonYears", "must be between 1 and 50");
                Check(clp.DefaultMarginRate >= 0 && clp.DefaultMarginRate <= 1, "clp.defaultMarginRate", "must be between 0 and 1");
                Check(clp.ProductFamilyCount >= 1, "clp.productFamilyCount", "must be at least 1");
                Check(clp.CrossSellProbability >= 0 && clp.CrossSellProbability <= 1, "clp.crossSellProbability", "must be between 0 and 1");
                Check(clp.ReferralValue >= 0, "clp.referralValue", "must not be negative");
                Check(clp.PotentialRampYears >= 1, "clp.potentialRampYears", "must be at least 1");
            }

            var v = Section(s.ValueMatrix, "valueMatrix");
            if (v != null)
            {
                Check(Enum.IsDefined(typeof(ThresholdMode), v.Thresholds), "valueMatrix.thresholds", "must be percentile or absolute");
                Check(v.CurrentValueTopShare > 0 && v.CurrentValueTopShare < 1, "valueMatrix.currentValueTopShare", "must be above 0 and below 1");
                Check(v.GrowthPotentialTopShare > 0 && v.GrowthPotentialTopShare < 1, "valueMatrix.growthPotentialTopShare", "must be above 0 and below 1");
                Check(v.CurrentValueThreshold > 0, "valueMatrix.currentValueThreshold", "must be greater than 0");
                Check(v.GrowthPotentialThreshold > 0, "valueMatrix.growthPotentialThreshold", "must be greater than 0");
                Check(v.HysteresisBand >= 0 && v.HysteresisBand < 1, "valueMatrix.hysteresisBand", "must be at least 0 and below 1");
                foreach (ValueTier tier in Enum.GetValues(typeof(ValueTier)))
                    Check(v.Policies != null && v.Policies.ContainsKey(tier), $"valueMatrix.policies.{tier.ToString().ToLowerInvariant()}", "is required");
            }

            var l = Section(s.Lifecycle, "lifecycle");
            if (l != null)
            {
                Check(l.ExplorationMonths >= 1, "lifecycle.explorationMonths", "must be at least 1");
                Check(l.StabilityMonths > l.ExplorationMonths, "lifecycle.stabilityMonths", "must be greater than explorationMonths");
                Check(l.LongLastingMonths > l.StabilityMonths, "lifecycle.longLastingMonths", "must be greater than stabilityMonths");
                Check(l.StablePurchases >= 2, "lifecycle.stablePurchases", "must be at least 2");
                Check(l.OverdueIntervals > 1, "lifecycle.overdueIntervals", "must be greater than 1");
                Check(l.TrendTolerance >= 0 && l.TrendTolerance < 1, "lifecycle.trendTolerance", "must be at least 0 and below 1");
            }

            var y = Section(s.Loyalty, "loyalty");
            if (y != null)
            {
                Check(y.SurveyScaleMax >= 1, "loyalty.surveyScaleMax", "must be at least 1");
                void Fraction(decimal value, string name) => Check(value >= 0 && value <= 1, "loyalty." + name, "must be between 0 and 1");
                Fraction(y.SatisfiedThreshold, "satisfiedThreshold");
                Fraction(y.TrustRepeatRate, "trustRepeatRate");
                Fraction(y.BehaviouralRepeatRate, "behaviouralRepeatRate");
                Fraction(y.BehaviouralCrossBreadth, "behaviouralCrossBreadth");
                Fraction(y.EmotionalPriceTolerance, "emotionalPriceTolerance");
                Check(y.EmotionalReferrals >= 0, "loyalty.emotionalReferrals", "must not be negative");
                Check(y.SustainableReferrals >= y.EmotionalReferrals, "loyalty.sustainableReferrals", "must be at least emotionalReferrals");
            }

            var ch = Section(s.Churn, "churn");
            if (ch != null)
            {
                Check(ch.HorizonMonths >= 1 && ch.HorizonMonths <= 60, "churn.horizonMonths", "must be between 1 and 60");
                Check(ch.ActivityDeclineThreshold > 0 && ch.ActivityDeclineThreshold <= 1, "churn.activityDeclineThreshold", "must be above 0 and at most 1");
                Check(ch.SatisfactionDropThreshold > 0 && ch.SatisfactionDropThreshold <= 1, "churn.satisfactionDropThreshold", "must be above 0 and at most 1");
                void Points(int value, string name) => Check(value >= 0 && value <= 100, "churn." + name, "must be between 0 and 100");
                Points(ch.SatisfactionDropPoints, "satisfactionDropPoints");
                Points(ch.OpenComplaintPoints, "openComplaintPoints");
                Points(ch.RecentComplaintPoints, "recentComplaintPoints");
                Points(ch.ComplaintPointsCap, "complaintPointsCap");
                Check(ch.RecentComplaintDays >= 1, "churn.recentComplaintDays", "must be at least 1");
                Check(ch.MediumRiskFrom > 0 && ch.MediumRiskFrom < ch.HighRiskFrom && ch.HighRiskFrom <= 100, "churn.mediumRiskFrom/highRiskFrom",
                    "must satisfy 0 < mediumRiskFrom < highRiskFrom <= 100");
            }

            var rt = Section(s.Retention, "retention");
            if (rt != null)
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
                        Check(rules[i] != null && rules[i].EveryDays >= 1 && rules[i].EveryDays <= 3650, $"retention.cadences.{name}[{i}].everyDays", "must be between 1 and 3650");
                    Check(rules.Where(x => x != null).Select(x => x.Kind).Distinct().Count() == rules.Count(x => x != null), $"retention.cadences.{name}", "lists an action kind twice");
                }
                Check(rt.WinBackDueDays >= 0, "retention.winBackDueDays", "must not be negative");
                Check(rt.PlannedExitDueDays >= 0, "retention.plannedExitDueDays", "must not be negative");
                Check(string.IsNullOrWhiteSpace(rt.KeyAccountTeamId) || Guid.TryParse(rt.KeyAccountTeamId, out _), "retention.keyAccountTeamId", "must be empty or a team id (GUID)");
                Check(rt.KeyAccountTiers != null && rt.KeyAccountTiers.All(t => Enum.IsDefined(typeof(ValueTier), t)), "retention.keyAccountTiers", "must list tiers (use [] for none)");
                Check(rt.RelationshipBuilding != null && rt.RelationshipBuilding.All(k => Enum.IsDefined(typeof(RetentionActionKind), k)),
                    "retention.relationshipBuilding", "must list retention action kinds (use [] for none)");
                Check(rt.MeetDecisionMakerDueDays >= 0, "retention.meetDecisionMakerDueDays", "must not be negative");
            }

            var cv = Section(s.Coverage, "coverage");
            if (cv != null)
            {
                Check(cv.Tiers != null && cv.Tiers.All(t => Enum.IsDefined(typeof(ValueTier), t)), "coverage.tiers", "must list tiers (use [] to switch the coverage rules off)");
                Check(cv.DecisionContactDays >= 1, "coverage.decisionContactDays", "must be at least 1");
                Check(Points(cv.MissingDecisionPoints) && Points(cv.MissingFinancePoints) && Points(cv.SilentDecisionPoints),
                    "coverage.missingDecisionPoints/missingFinancePoints/silentDecisionPoints", "must be between 0 and 100");
            }

            var cm = Section(s.Competition, "competition");
            if (cm != null)
            {
                Check(cm.RecentDays >= 1, "competition.recentDays", "must be at least 1");
                Check(Points(cm.GainingGroundPoints) && Points(cm.LostOpportunityPoints), "competition.gainingGroundPoints/lostOpportunityPoints", "must be between 0 and 100");
            }

            var ty = Section(s.RelationshipType, "relationshipType");
            if (ty != null)
            {
                Check(ty.MinRepeatPurchases >= 1, "relationshipType.minRepeatPurchases", "must be at least 1");
                Check(ty.MinPriceTolerance >= 0 && ty.MinPriceTolerance <= 1, "relationshipType.minPriceTolerance", "must be between 0 and 1");
            }

            var ls = Section(s.Loss, "loss");
            if (ls != null)
            {
                Check(ls.NoPurchaseDays >= 1, "loss.noPurchaseDays", "must be at least 1");
                Check(ls.OwnIntervals >= 1, "loss.ownIntervals", "must be at least 1");
            }

            var h = Section(s.Hierarchy, "hierarchy");
            if (h != null)
            {
                Check(Enum.IsDefined(typeof(GroupValueRollup), h.Value), "hierarchy.value", "must be sum or parentOnly");
                Check(Enum.IsDefined(typeof(GroupChurnRollup), h.Churn), "hierarchy.churn", "must be worst or valueWeighted");
                Check(h.MaxDepth >= 1 && h.MaxDepth <= 50, "hierarchy.maxDepth", "must be between 1 and 50");
            }

            var sh = Section(s.History, "history");
            if (sh != null)
            {
                Check(sh.RetentionDays >= HistorySettings.MinRetentionDays && sh.RetentionDays <= 3650, "history.retentionDays", $"must be between {HistorySettings.MinRetentionDays} and 3650");
                Check(sh.TopReasons >= HistorySettings.MinTopReasons && sh.TopReasons <= 10, "history.topReasons", $"must be between {HistorySettings.MinTopReasons} and 10");
            }

            var pu = Section(s.Purchases, "purchases");
            if (pu != null)
            {
                Check(Enum.IsDefined(typeof(OrderStage), pu.OrderCountsFrom), "purchases.orderCountsFrom", "must be active, submitted, fulfilled or invoiced");
                Check(pu.OrderDates != null && pu.OrderDates.Count > 0 && pu.OrderDates.All(d => Enum.IsDefined(typeof(OrderDate), d))
                    && pu.OrderDates.Distinct().Count() == pu.OrderDates.Count, "purchases.orderDates",
                    "must list dateFulfilled, submitDate or createdOn, each at most once");
            }

            CheckModel(s.PurchaseModel, "purchaseModel", errors);
            var cal = s.Calibration;
            if (cal != null)
            {
                Check(cal.Population >= 1 && cal.ActiveCustomers >= 1 && cal.ActiveCustomers <= cal.Population, "calibration.population/activeCustomers",
                    "must satisfy 1 <= activeCustomers <= population");
                Check(cal.FirstCalibratedOn <= cal.CalibratedOn, "calibration.firstCalibratedOn", "must not be after calibratedOn");
                Check(cal.CurrentValueThreshold > 0, "calibration.currentValueThreshold", "must be greater than 0");
                Check(cal.GrowthPotentialThreshold > 0, "calibration.growthPotentialThreshold", "must be greater than 0");
                Check(cal.GrowthPotentialThresholdAtHighValue > 0, "calibration.growthPotentialThresholdAtHighValue", "must be greater than 0");
                CheckModel(cal.PurchaseModel, "calibration.purchaseModel", errors);
            }

            if (errors.Count > 0) throw new DomainValidationException("Settings are invalid: " + string.Join("; ", errors) + ".");
        }

        private static bool Points(int value) => value >= 0 && value <= 100;

        private static void CheckModel(PurchaseModelParameters m, string name, List<string> errors)
        {
            if (m == null) errors.Add($"{name} is required");
            else if (!(m.R > 0 && m.Alpha > 0 && m.A > 0 && m.B > 0) || double.IsInfinity(m.R + m.Alpha + m.A + m.B))
                errors.Add($"{name}.r, alpha, a and b must be finite and greater than 0");
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
