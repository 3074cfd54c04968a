using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// RetrieveMultiple: a QueryExpression, QueryByAttribute or FetchXML query (aggregates capped as the platform caps them),
    /// over the rows of the queried table the caller may read, with the secured columns they may not read left out.
    /// </summary>
    internal sealed class RetrieveMultipleHandler : DirectMessage
    {
        public RetrieveMultipleHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "RetrieveMultiple";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var query = (QueryBase)request["Query"];
            var security = Host.Security;
            var user = scope.UserId;
            var evaluator = new QueryEvaluator(Host.Store, Host.UtcNow, user, row => security.Visible(user, row));
            EntityCollection result;
            switch (query)
            {
                case QueryExpression expression:
                    Host.Queries.Check(expression);
                    security.DemandQuery(user, expression.EntityName);
                    result = evaluator.Execute(expression);
                    break;
                case QueryByAttribute byAttribute:
                    var converted = ToExpression(byAttribute);
                    Host.Queries.Check(converted);
                    security.DemandQuery(user, byAttribute.EntityName);
                    result = evaluator.Execute(converted);
                    break;
                case FetchExpression fetch:
                    var plan = FetchXmlParser.Parse(fetch.Query);
                    Host.Queries.Check(plan.Query);
                    foreach (var column in plan.AggregateColumns) Host.Queries.CheckColumns(column.EntityName, new ColumnSet(column.Attribute));
                    security.DemandQuery(user, plan.Query.EntityName);
                    result = plan.Aggregate
                        ? AggregateEvaluator.Execute(plan, evaluator.Filter(plan.Query).ToList(), Host.MaxAggregateRecords)
                        : evaluator.Execute(plan.Query);
                    break;
                default:
                    throw Invalid("RetrieveMultiple needs a QueryExpression, QueryByAttribute or FetchExpression.");
            }
            foreach (var row in result.Entities) security.Columns.HideUnreadable(user, row);
            var response = new RetrieveMultipleResponse();
            response.Results["EntityCollection"] = result;
            return response;
        }

        private static QueryExpression ToExpression(QueryByAttribute byAttribute)
        {
            if (byAttribute.Attributes.Count != byAttribute.Values.Count) throw Invalid("QueryByAttribute needs as many values as attributes.");
            var query = new QueryExpression(byAttribute.EntityName) { ColumnSet = byAttribute.ColumnSet, PageInfo = byAttribute.PageInfo, TopCount = byAttribute.TopCount };
            for (var i = 0; i < byAttribute.Attributes.Count; i++) query.Criteria.AddCondition(byAttribute.Attributes[i], ConditionOperator.Equal, byAttribute.Values[i]);
            foreach (var order in byAttribute.Orders) query.Orders.Add(order);
            return query;
        }
    }
}
