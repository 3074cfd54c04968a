extern alias workflow;
using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using workflow::CrmExtensions.Workflow;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    public class CustomApiAndWorkflowTests
    {
        private readonly Org _org = new Org();

        [Fact]
        public void Preview_reports_the_tier_without_writing()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            var before = _org.Reload(account);
            var calls = _org.Host.Calls.For("Update");

            var response = _org.As(_org.Manager).Execute(new PreviewTierRequest { Customer = account.ToEntityReference() });

            // High current value, and the purchase model expects a steady monthly buyer to keep buying: platinum.
            Assert.Equal(Org.Option(ValueTier.Platinum), response.Tier);
            Assert.Equal(13750m, response.CurrentValue); // 11 monthly orders in the current 12-month window × 5,000 × 25%
            // Nothing in its purchases warns; nobody known there who decides or pays does (the coverage rule of platinum accounts).
            Assert.Equal("No contact at the decision layer of this Platinum account; No contact in finance, who approves the money, at this Platinum account",
                response.ChurnReasons);
            Assert.Equal(calls, _org.Host.Calls.For("Update"));
            Assert.Equal(0, _org.Host.Calls.For("Create"));
            Assert.Equal(before.Attributes.Count, _org.Reload(account).Attributes.Count);
        }

        [Theory]
        [InlineData("account", "does not exist")]
        [InlineData("lead", "Only accounts and contacts are customers")]
        public void Preview_of_a_missing_or_wrong_customer_says_so(string table, string expected)
        {
            var error = Assert.Throws<InvalidPluginExecutionException>(() =>
                _org.Admin.Execute(new PreviewTierRequest { Customer = new EntityReference(table, Guid.NewGuid()) }));
            Assert.Contains(expected, error.Message);
        }

        private List<Entity> SeedAccounts(int count)
        {
            var accounts = new List<Entity>();
            for (var i = 0; i < count; i++)
            {
                var account = _org.Account("Customer " + i);
                accounts.Add(account);
                for (var m = 0; m < i % 7; m++) _org.Host.Seed(Org.Order(account, 500m + 900m * (i % 11), Org.Now.AddMonths(-m * 2).AddDays(-1)));
            }
            return accounts;
        }

        [Fact]
        public void Workflow_operations_recalculate_through_the_custom_api_and_report_loyalty()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            var service = _org.Admin;

            var outcome = CustomerWorkflowOperations.Recalculate(service, account.ToEntityReference());
            Assert.Equal(Org.Option(ValueTier.Platinum), outcome.Tier);
            Assert.True(outcome.TierChanged);
            Assert.Equal(5, outcome.Created); // the platinum cadence, and meeting the decision maker (no contact known there)
            Assert.False(CustomerWorkflowOperations.Recalculate(service, account.ToEntityReference()).TierChanged);

            var loyalty = CustomerWorkflowOperations.LoyaltyIndicators(service, account.ToEntityReference());
            Assert.Equal(Org.Option(LoyaltyLevel.Trust), loyalty.LoyaltyLevel);
            Assert.Equal(Math.Round(23m / 24m, 4), loyalty.RepeatPurchaseRate);

            Assert.Contains("Customer is required", Assert.Throws<InvalidPluginExecutionException>(() => CustomerWorkflowOperations.Recalculate(service, null)).Message);
            Assert.Contains("cx_RecalculateCustomer is bound to account", Assert.Throws<InvalidPluginExecutionException>(() =>
                CustomerWorkflowOperations.Recalculate(service, new EntityReference("contact", Guid.NewGuid()))).Message);
        }

        [Fact]
        public void Workflow_outputs_map_to_the_columns_the_solution_declares()
        {
            Assert.Equal(CustomerColumns.Tier, CustomerWorkflowOperations.TierColumn);
            Assert.Equal(CustomerColumns.LoyaltyLevel, CustomerWorkflowOperations.LoyaltyLevelColumn);
            Assert.Equal(Account.EntityLogicalName, CustomerWorkflowOperations.CustomerTable);
        }

        [Fact]
        public void Settings_rows_are_validated_and_change_the_thresholds()
        {
            var bad = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Create(new Entity(Setting.EntityLogicalName)
            {
                [Setting.Name] = Setting.ActiveSettingsName,
                [Setting.Value] = @"{ ""valueMatrix"": { ""currentValueThreshold"": -1 } }",
            }));
            Assert.Contains("valueMatrix.currentValueThreshold must be greater than 0", bad.Message);
            Assert.DoesNotContain(_org.Host.Store.Rows(Setting.EntityLogicalName), r => r.GetAttributeValue<string>(Setting.Name) == Setting.CalibrationName);

            _org.Admin.Create(new Entity(Setting.EntityLogicalName)
            {
                [Setting.Name] = Setting.ActiveSettingsName,
                [Setting.Value] = @"{ ""valueMatrix"": { ""currentValueThreshold"": 100000, ""growthPotentialThreshold"": 100000 } }",
            });
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            var response = _org.Admin.Execute(new PreviewTierRequest { Customer = account.ToEntityReference() });
            Assert.Equal(Org.Option(ValueTier.Lead), response.Tier);
        }

        private void RecalculateAll() => _org.RunJob(new StartRecalculationRequest());

        [Fact]
        public void Calibration_learns_the_lines_from_the_orgs_own_customers_and_an_admins_choice_still_wins()
        {
            // Twenty customers of a small business, each spending about a third more than the one before: nobody reaches
            // the absolute lines (5,000 / 2,000 a year), and neighbours differ by more than the hysteresis band.
            var accounts = Enumerable.Range(1, 20).Select(i =>
            {
                var account = _org.Account("Customer " + i);
                _org.OrderHistory(account, Math.Round(2m * (decimal)Math.Pow(1.3, i), 2), months: 12 + i % 6, skipRecentMonths: i % 3);
                return account;
            }).ToList();
            RecalculateAll();
            Assert.All(accounts, a => Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(a)));

            // A calibrating job: its plan learns the lines (nothing is read inside the API's own transaction), its pages place everyone by them.
            var job = _org.Admin.Execute(new CalibrateSettingsRequest()).JobId;
            Assert.DoesNotContain(_org.Host.Store.Rows(Setting.EntityLogicalName), r => r.GetAttributeValue<string>(Setting.Name) == Setting.CalibrationName);
            _org.Host.ProcessAsyncQueue();
            Assert.True(_org.Reload(new Entity(RecalculationJob.EntityLogicalName, job)).GetAttributeValue<bool>(RecalculationJob.Calibrate));
            var stored = Assert.Single(_org.Host.Store.Rows(Setting.EntityLogicalName), r => r.GetAttributeValue<string>(Setting.Name) == Setting.CalibrationName);
            Assert.Equal(20, SettingsLoader.Load(stored.GetAttributeValue<string>(Setting.Value), null).Calibration.Population);
            var tiers = accounts.Select(a => _org.Tier(a)).ToList();
            // The top 20 % by current value are high: the lead tiers placed against the placeholder lines before the first
            // calibration hold nobody back. Growth potential splits each row.
            Assert.Equal(4, tiers.Count(t => t == Org.Option(ValueTier.Platinum) || t == Org.Option(ValueTier.Gold)));
            Assert.True(tiers.Distinct().Count() >= 3, string.Join(", ", tiers));
            Assert.NotNull(_org.Reload(accounts[10]).GetAttributeValue<decimal?>(CustomerColumns.ExpectedPurchases));
            Assert.Equal(30, _org.Reload(accounts[10]).GetAttributeValue<int?>(CustomerColumns.PurchaseInterval));

            // Calibrating again updates the one row; an admin's absolute lines win over the calibration.
            _org.Admin.Execute(new CalibrateSettingsRequest());
            _org.Host.ProcessAsyncQueue();
            Assert.Single(_org.Host.Store.Rows(Setting.EntityLogicalName), r => r.GetAttributeValue<string>(Setting.Name) == Setting.CalibrationName);
            _org.Admin.Create(new Entity(Setting.EntityLogicalName) { [Setting.Name] = Setting.ActiveSettingsName, [Setting.Value] = @"{ ""valueMatrix"": { ""thresholds"": ""absolute"" } }" });
            RecalculateAll();
            Assert.All(accounts, a => Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(a)));
            Assert.Throws<DataverseFaultException>(() => _org.As(_org.Clerk).Execute(new CalibrateSettingsRequest()));
        }

        [Fact]
        public void The_value_thresholds_in_force_are_what_any_user_reads_for_the_matrix()
        {
            var defaults = SettingsLoader.Load(null).ValueMatrix;
            var shipped = _org.As(_org.Clerk).Execute(new ValueThresholdsRequest());
            Assert.Equal(defaults.CurrentValueThreshold, shipped.CurrentValueThreshold);
            Assert.Equal(defaults.GrowthPotentialThreshold, shipped.GrowthPotentialThreshold);
            Assert.Equal(defaults.GrowthPotentialThreshold, shipped.GrowthPotentialThresholdAtHighValue);
            Assert.Null(shipped.CalibratedOn);

            _org.Admin.Create(new Entity(Setting.EntityLogicalName)
            {
                [Setting.Name] = Setting.CalibrationName,
                [Setting.Value] = SettingsLoader.CalibrationDocument(new CalibrationSettings
                {
                    CalibratedOn = Org.Now, FirstCalibratedOn = Org.Now, Population = 40, ActiveCustomers = 30,
                    CurrentValueThreshold = 1234m, GrowthPotentialThreshold = 56m, GrowthPotentialThresholdAtHighValue = 789m,
                    PurchaseModel = SettingsLoader.Load(null).PurchaseModel,
                }),
            });
            var calibrated = _org.As(_org.Clerk).Execute(new ValueThresholdsRequest());
            Assert.Equal(1234m, calibrated.CurrentValueThreshold);
            Assert.Equal(56m, calibrated.GrowthPotentialThreshold);
            Assert.Equal(789m, calibrated.GrowthPotentialThresholdAtHighValue);
            Assert.Equal(Org.Now, calibrated.CalibratedOn);
        }
    }
}
