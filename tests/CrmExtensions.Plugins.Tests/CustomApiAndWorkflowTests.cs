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

            var response = _org.As(_org.Clerk).Execute(new PreviewTierRequest { Customer = account.ToEntityReference() });

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
        public void Bulk_recalculation_covers_thousands_of_accounts_with_a_bounded_number_of_calls()
        {
            var accounts = SeedAccounts(2500);
            _org.Host.Calls.Reset();

            var response = _org.Admin.Execute(new BulkRecalculateRequest { PageSize = 250, MaxPages = 100 });

            Assert.True(response.Completed);
            Assert.Equal(2500, response.Processed);
            Assert.Equal(0, response.Failures);
            Assert.Null(response.NextCheckpoint);
            Assert.All(accounts.Take(50), a => Assert.NotNull(_org.Tier(a)));
            var perAccount = (double)_org.Host.Calls.FromPlugins / accounts.Count;
            // Per page of 250: 1 page query + 16 set-based reads (purchases 4, product families 2, referrals, complaints, surveys,
            // contacts, competitor presences, losses, lost opportunities, retention activities 2, subsidiaries) + ExecuteMultiple
            // batches; each write inside a batch counts too.
            var reads = _org.Host.Calls.For("RetrieveMultiple");
            Assert.True(reads <= 17 * 10 + 2, $"{reads} reads for 10 pages");
            Assert.True(_org.Host.Calls.For("ExecuteMultiple") <= 30, $"{_org.Host.Calls.For("ExecuteMultiple")} batches");
            Assert.True(perAccount < 6, $"{perAccount:0.00} service calls per account");
        }

        [Fact]
        public void Bulk_recalculation_resumes_from_its_checkpoint_with_the_same_result()
        {
            var accounts = SeedAccounts(600);
            var first = _org.Admin.Execute(new BulkRecalculateRequest { PageSize = 100, MaxPages = 2 });
            Assert.False(first.Completed);
            Assert.Equal(200, first.Processed);
            var rest = _org.Admin.Execute(new BulkRecalculateRequest { PageSize = 100, MaxPages = 100, Checkpoint = first.NextCheckpoint });
            Assert.True(rest.Completed);
            Assert.Equal(400, rest.Processed);
            var resumed = accounts.ToDictionary(a => a.Id, a => _org.Tier(a));

            var again = _org.Admin.Execute(new BulkRecalculateRequest { PageSize = 250, MaxPages = 10 });
            Assert.Equal(600, again.Processed);
            Assert.Equal(resumed, accounts.ToDictionary(a => a.Id, a => _org.Tier(a)));
            Assert.All(accounts, a => Assert.NotNull(resumed[a.Id]));
        }

        public static TheoryData<Action<BulkRecalculateRequest>, string> BadBulkParameters => new TheoryData<Action<BulkRecalculateRequest>, string>
        {
            { r => r.PageSize = 0, "PageSize must be between 1 and 5000" },
            { r => r.PageSize = 5001, "PageSize must be between 1 and 5000" },
            { r => r.MaxPages = 0, "MaxPages must be at least 1" },
            { r => r.Checkpoint = "yesterday", "Checkpoint 'yesterday' is not one this API returned" },
            { r => r.TableName = "lead", "TableName must be 'account' or 'contact'" },
        };

        [Theory]
        [MemberData(nameof(BadBulkParameters))]
        public void Bulk_recalculation_rejects_bad_parameters(Action<BulkRecalculateRequest> set, string expected)
        {
            var request = new BulkRecalculateRequest();
            set(request);
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Execute(request));
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void Bulk_recalculation_is_for_administrators()
        {
            var error = Assert.Throws<DataverseFaultException>(() => _org.As(_org.Clerk).Execute(new BulkRecalculateRequest()));
            Assert.Contains("requires the prvWritecx_setting privilege", error.Message);
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
            Assert.Empty(_org.Host.Store.Rows(Setting.EntityLogicalName));

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

        private void RecalculateAll()
        {
            string checkpoint = null;
            while (true)
            {
                var response = _org.Admin.Execute(new BulkRecalculateRequest { Checkpoint = checkpoint });
                if (response.Completed) return;
                checkpoint = response.NextCheckpoint;
            }
        }

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

            var response = _org.Admin.Execute(new CalibrateSettingsRequest());
            Assert.Equal(20, response.Population);
            var stored = Assert.Single(_org.Host.Store.Rows(Setting.EntityLogicalName), r => r.GetAttributeValue<string>(Setting.Name) == Setting.CalibrationName);
            Assert.Contains(@"""calibration""", stored.GetAttributeValue<string>(Setting.Value));
            RecalculateAll();
            var tiers = accounts.Select(a => _org.Tier(a)).ToList();
            // The top 20 % by current value are high: the lead tiers placed against the placeholder lines before the first
            // calibration hold nobody back. Growth potential splits each row.
            Assert.Equal(4, tiers.Count(t => t == Org.Option(ValueTier.Platinum) || t == Org.Option(ValueTier.Gold)));
            Assert.True(tiers.Distinct().Count() >= 3, string.Join(", ", tiers));
            Assert.NotNull(_org.Reload(accounts[10]).GetAttributeValue<decimal?>(CustomerColumns.ExpectedPurchases));
            Assert.Equal(30, _org.Reload(accounts[10]).GetAttributeValue<int?>(CustomerColumns.PurchaseInterval));

            // Calibrating again updates the one row; an admin's absolute lines win over the calibration.
            _org.Admin.Execute(new CalibrateSettingsRequest());
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
