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
            { "override privilege granted by no role", f => { foreach (var role in System.IO.Directory.GetFiles(f.File("Roles"), "*.xml")) System.IO.File.WriteAllText(role,
                    System.IO.File.ReadAllText(role).Replace("prvAppendTocx_tieroverrideaudit", "prvReadcx_tieroverrideaudit")); }, "no role grants 'prvAppendTocx_tieroverrideaudit'" },
            { "reason column shortened", f => f.Edit("Entities/contact/Entity.xml", s => s.Replace("<MaxLength>2000</MaxLength>", "<MaxLength>1000</MaxLength>")),
                "cx_tieroverridereason holds 1000 characters, but TierOverridePolicy.MaxReasonLength is 2000" },
            { "ledger left unsecured", f => f.Edit("Entities/account/Entity.xml", s => s.Replace(
                    "<DisplayMask>ValidForAdvancedFind</DisplayMask>\n          <IsCustomField>1</IsCustomField>\n          <IsAuditEnabled>0</IsAuditEnabled>\n          <IsSecured>1</IsSecured>",
                    "<DisplayMask>ValidForAdvancedFind</DisplayMask>\n          <IsCustomField>1</IsCustomField>\n          <IsAuditEnabled>0</IsAuditEnabled>")),
                "cx_factsledger: IsSecured is 0, but CustomerColumnSecurity secures it" },
            { "publisher prefix changed", f => f.Edit("Other/Solution.xml", s => s.Replace("<CustomizationOptionValuePrefix>10000<", "<CustomizationOptionValuePrefix>12000<")),
                "the publisher's options start at 120000000, but Choice.OptionBase" },
        };

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
