using System;
using System.Linq;
using CrmExtensions.Cli.Validation;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class SchemaCopiesTests
    {
        [Fact]
        public void The_copies_agree_with_the_shipped_source()
        {
            using (var fixture = new PackerFixture())
                Assert.Empty(SchemaCopies.Check(fixture.Load()));
        }

        public static TheoryData<string, Action<PackerFixture>, string> Drifts => new TheoryData<string, Action<PackerFixture>, string>
        {
            { "option renumbered", f => f.Edit("OptionSets/cx_tier.xml", s => s.Replace("\"100000004\"", "\"100000005\"")), "option 100000005 'Lead' has no member in TierChoice" },
            { "option relabelled", f => f.Edit("OptionSets/cx_retentionaction.xml", s => s.Replace("\"Win-back\"", "\"Win back call\"")),
                "option 100000005 is labelled 'Win back call' but RetentionActionChoice.WinBack" },
            { "option removed", f => f.Edit("OptionSets/cx_churnriskband.xml", s => s.Replace("\"100000003\"", "\"100000009\"")), "ChurnRiskBandChoice.High = 100000003" },
            { "choice missing", f => System.IO.File.Delete(f.File("OptionSets/cx_loyaltylevel.xml")), "LoyaltyLevelChoice mirrors the choice 'cx_loyaltylevel'" },
            { "reason column shortened", f => f.Edit("Entities/contact/Entity.xml", s => s.Replace("<MaxLength>2000</MaxLength>", "<MaxLength>1000</MaxLength>")),
                "cx_tieroverridereason holds 1000 characters, but TierOverridePolicy.MaxReasonLength is 2000" },
            { "ledger left unsecured", f => f.Edit("Entities/account/Entity.xml", s => s.Replace(
                    "<DisplayMask>ValidForAdvancedFind</DisplayMask>\n          <IsCustomField>1</IsCustomField>\n          <IsAuditEnabled>0</IsAuditEnabled>\n          <IsSecured>1</IsSecured>",
                    "<DisplayMask>ValidForAdvancedFind</DisplayMask>\n          <IsCustomField>1</IsCustomField>\n          <IsAuditEnabled>0</IsAuditEnabled>")),
                "cx_factsledger: IsSecured is 0, but CustomerColumnSecurity secures it" },
            { "publisher prefix changed", f => f.Edit("Other/Solution.xml", s => s.Replace("<CustomizationOptionValuePrefix>10000<", "<CustomizationOptionValuePrefix>12000<")),
                "the publisher's options start at 120000000, but Choice.OptionBase" },
        };

        private static string Shipped(string relative) => System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryLayout.Find().Root, relative));

        public static TheoryData<string, Func<string, string>, string> WebDrifts =>
            new TheoryData<string, Func<string, string>, string>
            {
                { "column renamed", ts => ts.Replace("\"cx_churnrisk\"", "\"cx_churn\""), "Columns.churnRisk 'cx_churn' is not a column of account" },
                { "history column renamed", ts => ts.Replace("\"cx_topreasons\"", "\"cx_reasons\""), "HistoryColumns.topReasons 'cx_reasons' is not a column of cx_scorechange" },
                { "job column renamed", ts => ts.Replace("\"cx_pagesize\"", "\"cx_pagelength\""), "JobColumns.pageSize 'cx_pagelength' is not a column of cx_recalculationjob" },
                { "scope swapped", ts => ts.Replace("ScopeContacts = 100000002", "ScopeContacts = 100000001"), "ScopeContacts 100000001 is not the option 'Contacts' of cx_recalculationscope" },
                { "tier relabelled", ts => ts.Replace("label: \"Iron\"", "label: \"Bronze\""), "Tiers[100000003] is labelled 'Bronze', but cx_tier labels it 'Iron'" },
                { "stage dropped", ts => ts.Replace("  100000004: \"Decline\",\n", ""), "Stages lacks option 100000004 'Decline' of cx_lifecyclestage" },
                { "band relabelled", ts => ts.Replace("100000002: \"Medium\"", "100000002: \"Moderate\""), "ChurnBands[100000002] is labelled 'Moderate', but cx_churnriskband labels it 'Medium'" },
                { "loyalty level dropped", ts => ts.Replace("  100000005: \"Sustainable\",\n", ""), "LoyaltyLevels lacks option 100000005 'Sustainable' of cx_loyaltylevel" },
                { "band swapped", ts => ts.Replace("ChurnBandHigh = 100000003", "ChurnBandHigh = 100000002"), "ChurnBandHigh 100000002 is not the option 'High' of cx_churnriskband" },
                { "option base", ts => ts.Replace("OptionBase = 100000000", "OptionBase = 100000001"), "OptionBase 100000001 is not the publisher's first option value" },
                { "privilege", ts => ts.Replace("prvAppendTocx_tieroverrideaudit", "prvWritecx_tieroverrideaudit"),
                    "OverridePrivilege 'prvWritecx_tieroverrideaudit' is not the one the plug-ins check" },
                { "reason length", ts => ts.Replace("MinReasonLength = 10", "MinReasonLength = 12"), "MinReasonLength 12 is not TierOverridePolicy.MinReasonLength (10)" },
            };

        [Theory]
        [MemberData(nameof(WebDrifts))]
        public void A_schema_ts_copy_that_drifted_is_reported_at_its_line(string drift, Func<string, string> schema, string expected)
        {
            var ts = Shipped(WebSchemaCopies.SchemaFile);
            Assert.True(schema(ts) != ts, $"{drift}: the seed changed nothing");
            using (var fixture = new PackerFixture())
            {
                var issues = SchemaCopies.Check(fixture.Load(), schema(ts)).Select(i => i.ToString()).ToList();
                Assert.True(issues.Any(i => i.Contains(expected) && i.StartsWith(WebSchemaCopies.SchemaFile + "(", StringComparison.Ordinal) && !i.Contains("(0):")),
                    $"{drift}: expected an issue containing '{expected}', got:\n{string.Join("\n", issues)}");
            }
        }

        [Theory]
        [MemberData(nameof(Drifts))]
        public void A_copy_that_drifted_from_the_source_is_reported(string drift, Action<PackerFixture> seed, string expected)
        {
            using (var fixture = new PackerFixture())
            {
                seed(fixture);
                var issues = SchemaCopies.Check(fixture.Load()).Select(i => i.ToString()).ToList();
                Assert.True(issues.Any(i => i.Contains(expected)), $"{drift}: expected an issue containing '{expected}', got:\n{string.Join("\n", issues)}");
            }
        }
    }
}
