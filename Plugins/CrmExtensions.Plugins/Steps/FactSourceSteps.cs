using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Sources;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// The steps of <see cref="RecalculateCustomerOnChange"/>, derived from <see cref="FactSources"/>: one per table and
    /// message the sources watch, filtering on the columns that decide their contributions and with images of those
    /// columns and modifiedon, so an update a source cares about is never filtered out nor seen without its columns.
    /// </summary>
    public static class FactSourceSteps
    {
        private const string BaseSuffix = "_base";

        /// <summary>The order the messages' steps are declared in.</summary>
        private static readonly string[] MessageOrder = { MessageName.Create, MessageName.Update, MessageName.SetState, MessageName.Delete };

        public static Type PluginType => typeof(RecalculateCustomerOnChange);

        public static IReadOnlyList<StepAttribute> All { get; } = Derive().ToList();

        /// <summary>What the step of a table's update filters on: a *_base money column is the platform's, written when a client writes the column it converts.</summary>
        public static IEnumerable<string> Filtering(IEnumerable<string> columns) =>
            columns.Select(c => c.EndsWith(BaseSuffix, StringComparison.Ordinal) ? c.Substring(0, c.Length - BaseSuffix.Length) : c).Distinct();

        /// <summary>What the step's images carry: the columns and when the row last changed (which orders contributions).</summary>
        public static IEnumerable<string> Image(IEnumerable<string> columns) => columns.Concat(new[] { Common.ModifiedOn }).Distinct();

        private static IEnumerable<StepAttribute> Derive()
        {
            var watches = FactSources.All.SelectMany(s => s.Watches.Select(w => new { Source = s, Watch = w })).ToList();
            foreach (var table in watches.Select(w => w.Watch.Table).Distinct())
            {
                var on = watches.Where(w => w.Watch.Table == table).ToList();
                var columns = on.SelectMany(w => w.Watch.Columns).Distinct().ToList();
                var image = string.Join(",", Image(columns));
                var describes = string.Join(", ", on.Select(w => w.Source.Describes).Distinct());
                foreach (var message in MessageOrder.Where(m => on.Any(w => w.Watch.Messages.Contains(m))))
                {
                    var step = new StepAttribute(message, Stage.PostOperation, Mode.Asynchronous, table) { Description = Description(message, table, describes) };
                    if (message == MessageName.Update) step.FilteringAttributes = string.Join(",", Filtering(columns));
                    // SetState too: a row that stops counting (cancelled) is told from one that never counted by its pre-image.
                    if (message != MessageName.Create) step.PreImage = image;
                    if (message != MessageName.Delete) step.PostImage = image;
                    yield return step;
                }
            }
        }

        private static string Description(string message, string table, string describes)
        {
            var what = message == MessageName.Create ? "A new " + table : message == MessageName.Delete ? "A deleted " + table
                : message == MessageName.SetState ? "A " + table + "'s state change" : "A changed " + table;
            return $"{what}: recalculates the customers whose facts it changes ({describes}).";
        }
    }
}
