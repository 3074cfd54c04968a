using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Loyalty
{
    /// <summary>Loyalty levels, each building on the one before. Stored in the cx_loyaltylevel choice, as the option of the same name.</summary>
    public enum LoyaltyLevel
    {
        None = 0,
        Satisfaction = 1,
        Trust = 2,
        Behavioural = 3,
        Emotional = 4,
        Sustainable = 5,
    }

    public sealed class LoyaltyIndicators
    {
        public LoyaltyIndicators(decimal repeatPurchaseRate, decimal crossPurchaseBreadth, int referrals, decimal priceTolerance, decimal? satisfaction)
        {
            RepeatPurchaseRate = repeatPurchaseRate;
            CrossPurchaseBreadth = crossPurchaseBreadth;
            Referrals = referrals;
            PriceTolerance = priceTolerance;
            Satisfaction = satisfaction;
        }

        /// <summary>Share of purchases that were repeat purchases, 0–1.</summary>
        public decimal RepeatPurchaseRate { get; }

        /// <summary>Share of the catalogue's product families bought, 0–1.</summary>
        public decimal CrossPurchaseBreadth { get; }

        public int Referrals { get; }

        /// <summary>Share of the list price paid (1 − discounts ÷ list value), 0–1.</summary>
        public decimal PriceTolerance { get; }

        /// <summary>Average survey score on a 0–1 scale; null without surveys.</summary>
        public decimal? Satisfaction { get; }
    }

    public struct LoyaltyAssessment
    {
        public LoyaltyAssessment(LoyaltyIndicators indicators, LoyaltyLevel level)
        {
            Indicators = indicators;
            Level = level;
        }

        public LoyaltyIndicators Indicators { get; }
        public LoyaltyLevel Level { get; }
    }

    /// <summary>
    /// Derives the indicators and the loyalty level they support, capped by what the lifecycle stage allows
    /// (exploration: satisfaction/trust; formation: behavioural; stability: emotional/sustainable; decline: behavioural).
    /// </summary>
    public sealed class LoyaltyAssessor
    {
        private readonly CrmExtensionsSettings _settings;

        public LoyaltyAssessor(CrmExtensionsSettings settings) { _settings = settings; }

        public LoyaltyAssessment Assess(PurchaseSummary purchases, IReadOnlyCollection<SurveyResponse> surveys, int referrals, LifecycleStage stage)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            if (referrals < 0) throw new DomainValidationException($"Referral count must not be negative (got {referrals}).");
            var loyalty = _settings.Loyalty;
            surveys = surveys ?? Array.Empty<SurveyResponse>();
            foreach (var survey in surveys)
            {
                if (survey == null || survey.Score < 0 || survey.Score > loyalty.SurveyScaleMax)
                    throw new DomainValidationException($"Survey score {survey?.Score} is outside 0–{loyalty.SurveyScaleMax} (loyalty.surveyScaleMax).");
            }

            var repeat = purchases.LifetimeOrders <= 1 ? 0m : (purchases.LifetimeOrders - 1m) / purchases.LifetimeOrders;
            var breadth = Math.Min(1m, (decimal)purchases.ProductFamiliesBought / _settings.Clp.ProductFamilyCount);
            decimal? satisfaction = surveys.Count == 0 ? (decimal?)null : surveys.Average(s => s.Score) / loyalty.SurveyScaleMax;
            var indicators = new LoyaltyIndicators(Math.Round(repeat, 4), Math.Round(breadth, 4), referrals, Math.Round(purchases.UndiscountedRevenueShare, 4),
                satisfaction.HasValue ? Math.Round(satisfaction.Value, 4) : (decimal?)null);

            var level = LoyaltyLevel.None;
            // Without a survey, a customer who keeps buying is taken as satisfied.
            var satisfied = satisfaction.HasValue ? satisfaction.Value >= loyalty.SatisfiedThreshold : purchases.LifetimeOrders > 0;
            if (satisfied)
            {
                level = LoyaltyLevel.Satisfaction;
                if (repeat >= loyalty.TrustRepeatRate) level = LoyaltyLevel.Trust;
                if (level == LoyaltyLevel.Trust && repeat >= loyalty.BehaviouralRepeatRate && breadth >= loyalty.BehaviouralCrossBreadth) level = LoyaltyLevel.Behavioural;
                if (level == LoyaltyLevel.Behavioural && referrals >= loyalty.EmotionalReferrals
                    && purchases.UndiscountedRevenueShare >= loyalty.EmotionalPriceTolerance) level = LoyaltyLevel.Emotional;
                if (level == LoyaltyLevel.Emotional && referrals >= loyalty.SustainableReferrals) level = LoyaltyLevel.Sustainable;
            }
            return new LoyaltyAssessment(indicators, (LoyaltyLevel)Math.Min((int)level, (int)CapFor(stage)));
        }

        public static LoyaltyLevel CapFor(LifecycleStage stage)
        {
            switch (stage)
            {
                case LifecycleStage.Exploration: return LoyaltyLevel.Trust;
                case LifecycleStage.Formation: return LoyaltyLevel.Behavioural;
                case LifecycleStage.Stability: return LoyaltyLevel.Sustainable;
                default: return LoyaltyLevel.Behavioural;
            }
        }
    }
}
