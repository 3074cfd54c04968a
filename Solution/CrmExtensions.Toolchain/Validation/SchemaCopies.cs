using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Solution/src is where the schema's facts live. The choice enums and schema.ts are generated from it; what the C#
    /// code still holds by hand is checked here: that every domain value stored in a choice has an option, the lengths
    /// and the option base the C# code assumes, that a role grants the override privilege, and the secured columns.
    /// </summary>
    public static class SchemaCopies
    {
        private const string ChoicesFile = "Plugins/CrmExtensions.Plugins/Model/Choices.cs";

        public static IEnumerable<ValidationIssue> Check(SolutionSource source) =>
            ChoiceMappings().Concat(Constants(source)).Concat(ColumnSecurityCopies.Check(source));

        /// <summary>The first option value the publisher's prefix gives (prefix × 10,000).</summary>
        private static int? OptionBaseOf(SolutionSource source) =>
            int.TryParse((string)source.SolutionManifest?.Element("Publisher")?.Element("CustomizationOptionValuePrefix"), out var prefix) ? prefix * 10000 : (int?)null;

        /// <summary>Every domain value stored in a choice has a member of the same name in the generated choice enum.</summary>
        private static IEnumerable<ValidationIssue> ChoiceMappings()
        {
            foreach (var pair in Choice.ChoiceOf)
                foreach (var name in Enum.GetNames(pair.Key).Where(n => !Enum.IsDefined(pair.Value, n)))
                    yield return new ValidationIssue(ChoicesFile, 0, $"{pair.Key.Name}.{name} has no member of the same name in {pair.Value.Name}, so it cannot be stored");
        }

        /// <summary>Numbers the C# code relies on that the solution defines.</summary>
        private static IEnumerable<ValidationIssue> Constants(SolutionSource source)
        {
            if (!source.Under("Roles").Any(r => r.Value.Descendants("RolePrivilege").Any(p => (string)p.Attribute("name") == TierOverrideAudit.OverridePrivilege)))
                yield return new ValidationIssue("Roles", 0, $"no role grants '{TierOverrideAudit.OverridePrivilege}', the privilege the plug-ins and the form check to allow a tier override");
            if (OptionBaseOf(source) is int optionBase && optionBase != Choice.OptionBase)
                yield return new ValidationIssue("Other/Solution.xml", 0, $"the publisher's options start at {optionBase}, but Choice.OptionBase ({ChoicesFile}) is {Choice.OptionBase}");
            var lengths = new[] { Account.EntityLogicalName, Contact.EntityLogicalName }.SelectMany(table => new[]
                {
                    (Table: table, Column: CustomerColumns.TierOverrideReason, Copy: TierOverridePolicy.MaxReasonLength, Name: "TierOverridePolicy.MaxReasonLength"),
                    (Table: table, Column: CustomerColumns.ChurnReasons, Copy: CustomerColumns.ChurnReasonsMaxLength, Name: "CustomerColumns.ChurnReasonsMaxLength"),
                    (Table: table, Column: CustomerColumns.FactsLedger, Copy: CustomerWrite.MaxLedgerLength, Name: "CustomerWrite.MaxLedgerLength"),
                    (Table: table, Column: CustomerColumns.LastEvaluationTrigger, Copy: CustomerColumns.LastEvaluationTriggerMaxLength,
                        Name: "CustomerColumns.LastEvaluationTriggerMaxLength"),
                })
                .Concat(new[]
                {
                    (Table: CustomerScoreChange.EntityLogicalName, Column: CustomerScoreChange.Name, Copy: CustomerScoreChange.NameMaxLength,
                        Name: "CustomerScoreChange.NameMaxLength"),
                    (Table: CustomerScoreChange.EntityLogicalName, Column: CustomerScoreChange.TopReasons, Copy: CustomerScoreChange.TopReasonsMaxLength,
                        Name: "CustomerScoreChange.TopReasonsMaxLength"),
                    (Table: CustomerScoreChange.EntityLogicalName, Column: CustomerScoreChange.TriggerDetail, Copy: CustomerScoreChange.TriggerDetailMaxLength,
                        Name: "CustomerScoreChange.TriggerDetailMaxLength"),
                    (Table: RecalculationJob.EntityLogicalName, Column: RecalculationJob.Name, Copy: RecalculationJob.NameMaxLength, Name: "RecalculationJob.NameMaxLength"),
                    (Table: RecalculationJob.EntityLogicalName, Column: RecalculationJob.Filter, Copy: RecalculationJob.TextMaxLength, Name: "RecalculationJob.TextMaxLength"),
                    (Table: RecalculationJob.EntityLogicalName, Column: RecalculationJob.Errors, Copy: RecalculationJob.TextMaxLength, Name: "RecalculationJob.TextMaxLength"),
                    (Table: RecalculationPage.EntityLogicalName, Column: RecalculationPage.CustomerIds, Copy: RecalculationPage.CustomerIdsMaxLength,
                        Name: "RecalculationPage.CustomerIdsMaxLength"),
                    (Table: Account.EntityLogicalName, Column: AccountColumns.CoverageGaps, Copy: AccountColumns.CoverageGapsMaxLength, Name: "AccountColumns.CoverageGapsMaxLength"),
                    (Table: Account.EntityLogicalName, Column: AccountColumns.GroupChurnView, Copy: AccountColumns.GroupChurnViewMaxLength,
                        Name: "AccountColumns.GroupChurnViewMaxLength"),
                    (Table: CustomerLoss.EntityLogicalName, Column: CustomerLoss.Details, Copy: CustomerLoss.DetailsMaxLength, Name: "CustomerLoss.DetailsMaxLength"),
                });
            foreach (var (table, column, copy, name) in lengths)
            {
                var file = $"Entities/{table}/Entity.xml";
                var attribute = source.Get(file)?.Descendants("attribute").FirstOrDefault(a => (string)a.Element("LogicalName") == column);
                var declared = (int?)attribute?.Element("MaxLength");
                if (declared != copy)
                    yield return new ValidationIssue(file, SolutionSource.Line(attribute), $"{column} holds {declared?.ToString() ?? "no MaxLength"} characters, but {name} is {copy}");
            }
        }
    }
}
