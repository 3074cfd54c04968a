using System;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Maps an assessment onto the customer columns it maintains. An authorised override that has not expired keeps its
    /// tier; an expired one is cleared and the computed tier takes over.
    /// </summary>
    public static class AssessmentColumns
    {
        public static Entity ToUpdate(CustomerSnapshot snapshot, CustomerAssessment assessment, DateTime asOf)
        {
            var update = new Entity(snapshot.Customer.LogicalName, snapshot.Customer.Id);
            var row = snapshot.Row;
            var overridden = row.GetAttributeValue<bool>(CustomerColumns.TierOverride);
            var until = row.GetAttributeValue<DateTime?>(CustomerColumns.TierOverrideUntil);
            var overrideActive = TierOverridePolicy.Holds(overridden, until, asOf);
            if (!overrideActive)
            {
                update[CustomerColumns.Tier] = new OptionSetValue(Choice.ToOption(assessment.Tier));
                if (overridden)
                {
                    update[CustomerColumns.TierOverride] = false;
                    update[CustomerColumns.TierOverrideReason] = null;
                    update[CustomerColumns.TierOverrideUntil] = null;
                    update[CustomerColumns.TierOverrideBy] = null;
                }
            }

            var value = assessment.Value;
            update[CustomerColumns.CurrentValue] = new Money(value.CurrentValue);
            update[CustomerColumns.GrowthPotential] = new Money(value.GrowthPotential);
            update[CustomerColumns.LifetimeProfit] = new Money(Math.Round(value.LifetimeProfit, 2));
            update[CustomerColumns.LifetimeProfitCurrent] = new Money(value.LifetimeProfitFromCurrent);
            update[CustomerColumns.LifetimeProfitPotential] = new Money(value.LifetimeProfitFromPotential);
            update[CustomerColumns.RfmRecency] = assessment.Rfm.Recency;
            update[CustomerColumns.RfmFrequency] = assessment.Rfm.Frequency;
            update[CustomerColumns.RfmMonetary] = assessment.Rfm.Monetary;
            update[CustomerColumns.RfmSegment] = new OptionSetValue(Choice.ToOption(assessment.Rfm.Segment));
            update[CustomerColumns.LifecycleStage] = new OptionSetValue(Choice.ToOption(assessment.Lifecycle.Stage));
            update[CustomerColumns.LifecyclePattern] = assessment.Lifecycle.Pattern.HasValue ? new OptionSetValue(Choice.ToOption(assessment.Lifecycle.Pattern.Value)) : null;
            var loyalty = assessment.Loyalty.Indicators;
            update[CustomerColumns.LoyaltyLevel] = new OptionSetValue(Choice.ToOption(assessment.Loyalty.Level));
            update[CustomerColumns.RepeatPurchaseRate] = loyalty.RepeatPurchaseRate;
            update[CustomerColumns.CrossPurchaseBreadth] = loyalty.CrossPurchaseBreadth;
            update[CustomerColumns.ReferralCount] = loyalty.Referrals;
            update[CustomerColumns.PriceTolerance] = loyalty.PriceTolerance;
            update[CustomerColumns.Satisfaction] = loyalty.Satisfaction;
            update[CustomerColumns.ChurnRisk] = assessment.Churn.Score;
            update[CustomerColumns.ChurnRiskBand] = new OptionSetValue(Choice.ToOption(assessment.Churn.Band));
            update[CustomerColumns.ChurnReasons] = assessment.Churn.Reasons.Count == 0 ? null : Truncate(assessment.Churn.ReasonsText, CustomerColumns.ChurnReasonsMaxLength);
            var interval = assessment.Rhythm?.UsualIntervalDays;
            update[CustomerColumns.PurchaseInterval] = interval.HasValue ? (int)Math.Round(interval.Value) : (int?)null;
            var expected = assessment.Churn.ExpectedPurchases;
            update[CustomerColumns.ExpectedPurchases] = expected.HasValue ? Math.Round((decimal)expected.Value, 2) : (decimal?)null;
            update[CustomerColumns.LastEvaluatedOn] = asOf;
            return update;
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1) + "…";
    }
}
