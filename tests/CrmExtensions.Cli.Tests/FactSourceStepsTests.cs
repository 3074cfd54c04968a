using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Recalculation.Sources;
using CrmExtensions.Plugins.Registration;
using CrmExtensions.Plugins.Steps;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// A source's events reach it only through its steps: an update of a column its step does not filter on, or an image
    /// without a column it reads, is silently lost. The committed steps must carry every source's columns.
    /// </summary>
    public class FactSourceStepsTests
    {
        [Fact]
        public void Every_table_a_source_watches_has_a_step_per_message_filtering_on_its_columns_and_imaging_them_with_modifiedon()
        {
            using (var fixture = new PackerFixture())
                Assert.Empty(Disagreements(Committed(fixture)));
        }

        [Fact]
        public void A_step_that_leaves_out_a_column_of_its_source_is_a_disagreement()
        {
            using (var fixture = new PackerFixture())
            {
                var steps = Committed(fixture);
                var update = $"{FactSourceSteps.PluginType.FullName}: {MessageName.Update} of {PurchaseSource.Orders.Table}";
                steps[update] = steps[update].Without("statecode");
                Assert.Equal(new[] { $"PurchaseSource: '{update}' leaves out statecode" }, Disagreements(steps));
            }
        }

        [Fact]
        public void Every_ledger_slot_is_fed_by_a_source()
        {
            var fed = FactSources.All.Select(s => s.Slot).Where(s => s != null).Select(s => s.Key).Distinct().OrderBy(k => k, StringComparer.Ordinal);
            Assert.Equal(LedgerSlots.All.Select(s => s.Key).OrderBy(k => k, StringComparer.Ordinal), fed);
        }

        private static Dictionary<string, RegisteredStep> Committed(PackerFixture fixture) =>
            Steps(fixture.Load()).Concat(Steps(fixture.LoadService())).ToDictionary(s => s.Name);

        private static List<string> Disagreements(IReadOnlyDictionary<string, RegisteredStep> steps)
        {
            var found = new List<string>();
            foreach (var source in FactSources.All)
                foreach (var watch in source.Watches)
                    foreach (var message in watch.Messages)
                    {
                        var name = $"{FactSourceSteps.PluginType.FullName}: {message} of {watch.Table}";
                        if (!steps.TryGetValue(name, out var step))
                        {
                            found.Add($"{source.GetType().Name}: no step '{name}'");
                            continue;
                        }
                        var image = FactSourceSteps.Image(watch.Columns).ToList();
                        var missing = new List<string>();
                        if (message == MessageName.Update) missing.AddRange(FactSourceSteps.Filtering(watch.Columns).Except(step.Filtering));
                        if (message == MessageName.Update || message == MessageName.Delete) missing.AddRange(image.Except(step.PreImage));
                        if (message != MessageName.Delete) missing.AddRange(image.Except(step.PostImage));
                        if (missing.Count > 0) found.Add($"{source.GetType().Name}: '{name}' leaves out {string.Join(", ", missing.Distinct())}");
                        if ((source.Solution ?? ProductSolutions.Core) != step.Solution) found.Add($"{source.GetType().Name}: '{name}' ships in {step.Solution}");
                    }
            return found;
        }

        private static IEnumerable<RegisteredStep> Steps(CrmExtensions.Cli.SolutionSource source) =>
            source.Under("SdkMessageProcessingSteps").Select(s => s.Value.Root).Select(s => new RegisteredStep((string)s.Attribute("Name"), source.UniqueName,
                (string)s.Element("FilteringAttributes"), Image(s, "preimage"), Image(s, "postimage")));

        private static string Image(XElement step, string alias) =>
            (string)step.Descendants("SdkMessageProcessingStepImage").SingleOrDefault(i => string.Equals((string)i.Attribute("Name"), alias, StringComparison.OrdinalIgnoreCase))
                ?.Element("Attributes");

        private sealed class RegisteredStep
        {
            public RegisteredStep(string name, string solution, string filtering, string preImage, string postImage)
            {
                Name = name;
                Solution = solution;
                Filtering = Split(filtering);
                PreImage = Split(preImage);
                PostImage = Split(postImage);
            }

            public RegisteredStep Without(string column) =>
                new RegisteredStep(Name, Solution, Join(Filtering, column), Join(PreImage, column), Join(PostImage, column));

            public string Name { get; }
            public string Solution { get; }
            public IReadOnlyCollection<string> Filtering { get; }
            public IReadOnlyCollection<string> PreImage { get; }
            public IReadOnlyCollection<string> PostImage { get; }

            private static string Join(IEnumerable<string> columns, string without) => string.Join(",", columns.Where(c => c != without));

            private static IReadOnlyCollection<string> Split(string columns) => (columns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
