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
            { "option relabelled", f => f.Edit("OptionSets/cx_retentionaction.xml", s => s.Replace("\"Win-back\"", "\"Win back call\"")), "option 100000005 is labelled 'Win back call' but RetentionActionChoice.WinBack" },
            { "option removed", f => f.Edit("OptionSets/cx_churnriskband.xml", s => s.Replace("\"100000003\"", "\"100000009\"")), "ChurnRiskBandChoice.High = 100000003" },
            { "choice missing", f => System.IO.File.Delete(f.File("OptionSets/cx_loyaltylevel.xml")), "LoyaltyLevelChoice mirrors the choice 'cx_loyaltylevel'" },
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
