using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class SettingsLoaderTests
    {
        [Fact]
        public void Shipped_defaults_load_and_validate()
        {
            var s = SettingsLoader.Load(null);
            Assert.Equal(new[] { 30, 90, 180, 365 }, s.Rfm.RecencyDays);
            Assert.Equal(InvestmentLevel.TopPriority, s.ValueMatrix.Policies[ValueTier.Platinum].Investment);
            Assert.Equal(RetentionStrategy.WindDown, s.ValueMatrix.Policies[ValueTier.Lead].Strategy);
            Assert.Equal(RetentionActionKind.Visit, s.Retention.Cadences[ValueTier.Platinum][1].Kind);
            Assert.Empty(s.Retention.Cadences[ValueTier.Lead]);
        }

        [Fact]
        public void A_document_overrides_only_what_it_sets()
        {
            var s = SettingsLoader.Load(@"{ ""valueMatrix"": { ""currentValueThreshold"": 12000 }, ""rfm"": { ""frequency"": [1, 3, 6, 9] } }");
            Assert.Equal(12000m, s.ValueMatrix.CurrentValueThreshold);
            Assert.Equal(2000m, s.ValueMatrix.GrowthPotentialThreshold);
            Assert.Equal(new[] { 1, 3, 6, 9 }, s.Rfm.Frequency);
        }

        [Fact]
        public void A_stored_document_that_sets_retired_settings_still_loads_and_they_change_nothing()
        {
            var retired = SettingsLoader.Load(@"{ ""currency"": { ""baseCurrency"": ""EUR"", ""exchangeRates"": { ""EUR"": 1.0 } },
                ""churn"": { ""overduePoints"": 25, ""activityDeclinePoints"": 35, ""highRiskFrom"": 70 } }");
            Assert.Equal(70, retired.Churn.HighRiskFrom);
            var error = Assert.Throws<DomainValidationException>(() => SettingsLoader.Load(@"{ ""churn"": { ""overduePointz"": 25 } }"));
            Assert.Contains("Could not find member 'overduePointz'", error.Message);
        }

        [Theory]
        [InlineData(@"{ ""clp"": { ""discountRate"": 1.5 } }", "clp.discountRate must be at least 0 and below 1")]
        [InlineData(@"{ ""rfm"": { ""recencyDays"": [90, 30, 180, 365] } }", "rfm.recencyDays must be 4 ascending")]
        [InlineData(@"{ ""rfm"": { ""monetary"": [1, 2, 3] } }", "rfm.monetary must be 4 ascending")]
        [InlineData(@"{ ""lifecycle"": { ""stabilityMonths"": 3 } }", "lifecycle.stabilityMonths must be greater than explorationMonths")]
        [InlineData(@"{ ""churn"": { ""mediumRiskFrom"": 70 } }", "churn.mediumRiskFrom/highRiskFrom")]
        [InlineData(@"{ ""retention"": { ""cadences"": { ""gold"": [ { ""kind"": ""visit"", ""everyDays"": 0 } ] } } }", "retention.cadences.gold[0].everyDays must be between 1 and 3650")]
        [InlineData(@"{ ""rfm"": { ""recency"": [1, 2, 3, 4] } }", "Could not find member 'recency'")]
        [InlineData(@"{ ""history"": { ""retentionDays"": 7 } }", "history.retentionDays must be between 30 and 3650")]
        [InlineData(@"{ ""history"": { ""topReasons"": 0 } }", "history.topReasons must be between 1 and 10")]
        [InlineData(@"{ ""purchases"": { ""orderDates"": [] } }", "purchases.orderDates must list dateFulfilled, submitDate or createdOn")]
        [InlineData(@"{ ""purchases"": { ""orderDates"": [""submitdate"", ""submitDate""] } }", "purchases.orderDates must list")]
        [InlineData(@"{ ""purchases"": { ""orderDates"": [""shipdate""] } }", "shipdate")]
        [InlineData(@"{ ""purchases"": { ""orderCountsFrom"": ""paid"" } }", "paid")]
        [InlineData(@"{ ""complaints"": { ""caseTypes"": [] } }", "complaints.caseTypes must list at least one case type value")]
        [InlineData(@"{ ""complaints"": { ""caseTypes"": [2, 2] } }", "complaints.caseTypes must list")]
        [InlineData(@"{ ""complaints"": { ""caseTypes"": [0] } }", "complaints.caseTypes must list")]
        [InlineData(@"{ ""retention"": { ""cadences"": { ""gold"": [ { ""kind"": ""carrierPigeon"", ""everyDays"": 5 } ] } } }", "carrierPigeon")]
        [InlineData(@"{ ""clp"": { ""horizonYears"": ""five"" } }", "clp.horizonYears")]
        [InlineData(@"{ ""clp"": ", "Settings JSON is malformed at line 1")]
        [InlineData(@"{ ""coverage"": { ""tiers"": [""diamond""] } }", "diamond")]
        [InlineData(@"{ ""coverage"": { ""decisionContactDays"": 0 } }", "coverage.decisionContactDays must be at least 1")]
        [InlineData(@"{ ""competition"": { ""gainingGroundPoints"": 120 } }", "competition.gainingGroundPoints/lostOpportunityPoints must be between 0 and 100")]
        [InlineData(@"{ ""relationshipType"": { ""minPriceTolerance"": 2 } }", "relationshipType.minPriceTolerance must be between 0 and 1")]
        [InlineData(@"{ ""loss"": { ""ownIntervals"": 0.5 } }", "loss.ownIntervals must be at least 1")]
        [InlineData(@"{ ""hierarchy"": { ""churn"": ""average"" } }", "average")]
        [InlineData(@"{ ""hierarchy"": { ""maxDepth"": 0 } }", "hierarchy.maxDepth must be between 1 and 50")]
        [InlineData(@"{ ""retention"": { ""relationshipBuilding"": null } }", "retention.relationshipBuilding must list retention action kinds")]
        public void Bad_documents_are_rejected_naming_the_field(string json, string expected)
        {
            var error = Assert.Throws<DomainValidationException>(() => SettingsLoader.Load(json));
            Assert.Contains(expected, error.Message);
        }

        [Theory]
        [InlineData("{\n  \"clp\": {\n    \"discountRate\": 0.1,,\n  }\n}", "Settings JSON is malformed at line 3, position 25")]
        [InlineData("{ \"clp\": { \"discountRate\": 0.1 }", "Settings JSON is malformed at line 1, position 32")]
        [InlineData("{ \"clp\": { \"discountRate\": 0.1 } } }", "Settings JSON is malformed at line 1, position 36")]
        [InlineData("{ \"clp\": { \"discountRate\": zero } }", "Settings JSON is malformed at line 1, position 28")]
        [InlineData("[1, 2]", "Settings JSON is malformed at line 1, position 1")]
        public void Malformed_documents_are_rejected_naming_line_and_position(string json, string expected)
        {
            var error = Assert.Throws<DomainValidationException>(() => SettingsLoader.Load(json));
            Assert.StartsWith(expected, error.Message);
        }

        [Theory]
        [InlineData(@"{ ""valueMatrix"": { ""policies"": { ""gold"": { ""investment"": ""key"", ""risk"": 1 } } } }",
            "Could not find member 'risk' on object of type 'TierPolicy'. Path 'valueMatrix.policies.gold.risk'.")]
        [InlineData(@"{ ""valueMatrix"": { ""thresholds"": 2 } }", "integer value 2 is not allowed. Path 'valueMatrix.thresholds'.")]
        [InlineData(@"{ ""valueMatrix"": { ""thresholds"": ""2"" } }", "Integer string '2' is not allowed. The options are percentile, absolute. Path 'valueMatrix.thresholds'.")]
        [InlineData(@"{ ""hierarchy"": { ""churn"": ""Average"" } }", "Requested value 'Average' was not found. The options are worst, valueWeighted. Path 'hierarchy.churn'.")]
        [InlineData(@"{ ""valueMatrix"": { ""policies"": { ""diamond"": { ""investment"": ""key"" } } } }", "Could not convert string 'diamond' to dictionary key type 'ValueTier'.")]
        [InlineData(@"{ ""analysis"": { ""periodMonths"": null } }", "Path 'analysis.periodMonths'.")]
        [InlineData(@"{ ""rfm"": { ""frequency"": { ""a"": 1 } } }", "Path 'rfm.frequency'.")]
        public void A_value_that_does_not_fit_is_rejected_naming_its_path(string json, string expected)
        {
            var error = Assert.Throws<DomainValidationException>(() => SettingsLoader.Load(json));
            Assert.StartsWith("Settings JSON is invalid: ", error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void Comments_a_trailing_comma_single_quotes_and_bare_names_are_accepted_as_they_were()
        {
            var s = SettingsLoader.Load("{ // an admin's note\n 'clp': { discountRate: 0.1, /* was 0.08 */ }, }");
            Assert.Equal(0.1m, s.Clp.DiscountRate);
        }

        [Fact]
        public void Every_problem_is_reported_at_once()
        {
            var error = Assert.Throws<DomainValidationException>(() => SettingsLoader.Load(@"{ ""clp"": { ""discountRate"": -1, ""horizonYears"": 0 } }"));
            Assert.Contains("clp.discountRate", error.Message);
            Assert.Contains("clp.horizonYears", error.Message);
        }
    }
}
