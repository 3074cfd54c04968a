using System.IO;
using System.Text.Json;
using CrmExtensions.Cli.Reports;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class ReportTextTests
    {
        private const string Reasons = "No purchase for 805 days where this customer usually buys every 45 days; Competitor gaining ground: Northwind Systems " +
            "(recorded 2026-06-29; uses ERP suite; satisfaction with their products 4 of 5)";

        [Fact]
        public void A_long_cell_wraps_at_spaces_and_keeps_every_word()
        {
            var lines = ReportText.Wrap(Reasons);
            Assert.True(lines.Count > 1);
            Assert.All(lines, l => Assert.True(l.Length <= ReportText.CellWidth, l));
            Assert.Equal(Reasons, string.Join(" ", lines));
        }

        [Fact]
        public void Reasons_split_only_outside_their_parentheses()
        {
            var reasons = ReasonList.Split(Reasons);
            Assert.Equal(2, reasons.Count);
            Assert.EndsWith("4 of 5)", reasons[1]);
        }

        [Fact]
        public void The_text_and_the_json_carry_the_same_figures()
        {
            var document = new ReportDocument();
            document.Note("as of 2026-11-01");
            document.Section("Churn");
            document.Table(new[] { "customer", "reasons" }, new[] { new[] { "Contoso", Reasons } });
            var text = new StringWriter();
            ReportText.Write(text, document);
            Assert.StartsWith("as of 2026-11-01", text.ToString());
            Assert.Contains("== Churn", text.ToString());
            var json = JsonDocument.Parse(document.ToJson()).RootElement;
            Assert.Equal("as of 2026-11-01", json.GetProperty("preamble")[0].GetString());
            var row = json.GetProperty("sections")[0].GetProperty("tables")[0][0];
            Assert.Equal(Reasons, row.GetProperty("reasons").GetString());
        }

        [Fact]
        public void Labels_come_from_the_option_sets_and_words_where_there_is_none()
        {
            var labels = ChoiceLabels.Load(RepositoryLayout.Find().SolutionSource);
            Assert.Equal("Early abort", labels.Of(Domain.Lifecycle.LifecyclePattern.EarlyAbort));
            Assert.Equal("Our side", labels.Of(Domain.Loss.LossCauseFamily.OurSide));
            Assert.Equal("Strengthen at any cost", labels.Of(Domain.Value.RetentionStrategy.StrengthenAtAnyCost));
            Assert.Null(labels.OfName<Domain.Value.ValueTier>("Unknown"));
        }
    }
}
