using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>Survey responses with a score and an answer date; those answered inside the survey window count.</summary>
    public sealed class SurveySource : ContributionSource<SurveyEntry>
    {
        internal SurveySource() { }

        public override IReadOnlyCollection<string> Tables { get; } = new[] { CxSurveyResponse.EntityLogicalName };
        public override string Customer => CxSurveyResponse.Customer;

        public override IReadOnlyCollection<string> Columns { get; } = new[] { CxSurveyResponse.Customer, CxSurveyResponse.Score, CxSurveyResponse.AnsweredOn };

        public override LedgerSlot Slot => LedgerSlots.Surveys;
        public override string Describes => "survey answers";

        public override bool Counts(Entity response, LedgerEvent e) =>
            response.GetAttributeValue<decimal?>(CxSurveyResponse.Score).HasValue && response.GetAttributeValue<DateTime?>(CxSurveyResponse.AnsweredOn).HasValue;

        public override SurveyEntry EntryOf(Entity response) => new SurveyEntry
        {
            AnsweredOn = response.GetAttributeValue<DateTime>(CxSurveyResponse.AnsweredOn),
            Score = response.GetAttributeValue<decimal>(CxSurveyResponse.Score),
            Changed = response.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        protected override IEnumerable<QueryExpression> Queries(CustomerPage page)
        {
            var query = new QueryExpression(CxSurveyResponse.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(CxSurveyResponse.Customer, CxSurveyResponse.Score, CxSurveyResponse.AnsweredOn, Common.ModifiedOn),
            };
            query.Criteria.AddCondition(CxSurveyResponse.Customer, ConditionOperator.In, page.Ids);
            query.Criteria.AddCondition(CxSurveyResponse.AnsweredOn, ConditionOperator.OnOrAfter, CustomerFactsLedger.SurveysFrom(page.AsOf));
            query.Criteria.AddCondition(CxSurveyResponse.Score, ConditionOperator.NotNull);
            yield return query;
        }
    }
}
