using System;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Infrastructure;
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
            update[CustomerColumns.ChurnReasons] = assessment.Churn.Reasons.Count == 0 ? null : ColumnText.Fit(assessment.Churn.ReasonsText, CustomerColumns.ChurnReasonsMaxLength);
            var interval = assessment.Rhythm?.UsualIntervalDays;
            update[CustomerColumns.PurchaseInterval] = interval.HasValue ? (int)Math.Round(interval.Value) : (int?)null;
            var expected = assessment.Churn.ExpectedPurchases;
            update[CustomerColumns.ExpectedPurchases] = expected.HasValue ? Math.Round((decimal)expected.Value, 2) : (decimal?)null;
            update[CustomerColumns.LastEvaluatedOn] = asOf;
            update[CustomerColumns.RelationshipType] = Choice.Option(assessment.RelationshipType.Type);
            update[CustomerColumns.KeyAccount] = assessment.IsKeyAccount;
            if (assessment.Coverage != null) Coverage(update, assessment.Coverage);
            // A group is written when it was rolled up this time (a full read or bulk page); cleared when there is none.
            if (snapshot.GroupMembers != null) Group(update, assessment.Group);
            return update;
        }

        private static void Coverage(Entity update, AccountCoverage coverage)
        {
            void Cell(string contacts, string last, CoverageCell cell)
            {
                update[contacts] = cell.Contacts;
                update[last] = cell.LastActivityOn;
            }
            Cell(AccountColumns.DecisionContacts, AccountColumns.LastDecisionActivity, coverage.Layers[ContactLayer.Decision]);
            Cell(AccountColumns.ManagementContacts, AccountColumns.LastManagementActivity, coverage.Layers[ContactLayer.Management]);
            Cell(AccountColumns.OperationalContacts, AccountColumns.LastOperationalActivity, coverage.Layers[ContactLayer.Operational]);
            Cell(AccountColumns.UserDepartmentContacts, AccountColumns.LastUserDepartmentActivity, coverage.Functions[ContactFunction.UserDepartment]);
            Cell(AccountColumns.TechnicalContacts, AccountColumns.LastTechnicalActivity, coverage.Functions[ContactFunction.Technical]);
            Cell(AccountColumns.FinanceContacts, AccountColumns.LastFinanceActivity, coverage.Functions[ContactFunction.Finance]);
            var gaps = coverage.GapSummary;
            update[AccountColumns.CoverageGaps] = gaps == null ? null : ColumnText.Fit(gaps, AccountColumns.CoverageGapsMaxLength);
        }

        private static void Group(Entity update, AccountGroupAssessment group)
        {
            update[AccountColumns.GroupSize] = group?.Size;
            update[AccountColumns.GroupCurrentValue] = group == null ? null : new Money(group.CurrentValue);
            update[AccountColumns.GroupGrowthPotential] = group == null ? null : new Money(group.GrowthPotential);
            update[AccountColumns.GroupTier] = group == null ? null : Choice.Option<ValueTier>(group.Tier);
            update[AccountColumns.GroupChurnRisk] = group?.ChurnScore;
            update[AccountColumns.GroupChurnView] = group == null ? null : ColumnText.Fit(group.ChurnView, AccountColumns.GroupChurnViewMaxLength);
        }

    }
}
