using System;
using System.Collections.Generic;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>One attribute of an aggregate fetch: an aggregate function or a group-by key.</summary>
    public sealed class AggregateColumn
    {
        public string Alias { get; set; }
        public string EntityAlias { get; set; }
        public string EntityName { get; set; }
        public string Attribute { get; set; }
        public string Function { get; set; }
        public bool GroupBy { get; set; }
        public string DateGrouping { get; set; }
        public bool Distinct { get; set; }
    }

    public sealed class FetchPlan
    {
        public QueryExpression Query { get; set; }
        public bool Aggregate { get; set; }
        public List<AggregateColumn> AggregateColumns { get; } = new List<AggregateColumn>();
        public List<(string Alias, bool Descending)> AggregateOrders { get; } = new List<(string, bool)>();
    }

    /// <summary>Parses FetchXML into a QueryExpression plus the aggregate description; bad FetchXML gets a message naming the problem.</summary>
    public static class FetchXmlParser
    {
        private static readonly Dictionary<string, ConditionOperator> Operators = new Dictionary<string, ConditionOperator>(StringComparer.OrdinalIgnoreCase)
        {
            ["eq"] = ConditionOperator.Equal, ["ne"] = ConditionOperator.NotEqual, ["neq"] = ConditionOperator.NotEqual,
            ["gt"] = ConditionOperator.GreaterThan, ["ge"] = ConditionOperator.GreaterEqual, ["lt"] = ConditionOperator.LessThan, ["le"] = ConditionOperator.LessEqual,
            ["like"] = ConditionOperator.Like, ["not-like"] = ConditionOperator.NotLike, ["begins-with"] = ConditionOperator.BeginsWith,
            ["not-begin-with"] = ConditionOperator.DoesNotBeginWith, ["ends-with"] = ConditionOperator.EndsWith, ["not-end-with"] = ConditionOperator.DoesNotEndWith,
            ["in"] = ConditionOperator.In, ["not-in"] = ConditionOperator.NotIn, ["between"] = ConditionOperator.Between, ["not-between"] = ConditionOperator.NotBetween,
            ["null"] = ConditionOperator.Null, ["not-null"] = ConditionOperator.NotNull,
            ["on"] = ConditionOperator.On, ["not-on"] = ConditionOperator.NotOn, ["on-or-before"] = ConditionOperator.OnOrBefore, ["on-or-after"] = ConditionOperator.OnOrAfter,
            ["today"] = ConditionOperator.Today, ["yesterday"] = ConditionOperator.Yesterday, ["tomorrow"] = ConditionOperator.Tomorrow,
            ["last-seven-days"] = ConditionOperator.Last7Days, ["next-seven-days"] = ConditionOperator.Next7Days,
            ["this-week"] = ConditionOperator.ThisWeek, ["this-month"] = ConditionOperator.ThisMonth, ["last-month"] = ConditionOperator.LastMonth,
            ["this-year"] = ConditionOperator.ThisYear, ["last-year"] = ConditionOperator.LastYear,
            ["last-x-hours"] = ConditionOperator.LastXHours, ["next-x-hours"] = ConditionOperator.NextXHours,
            ["last-x-days"] = ConditionOperator.LastXDays, ["next-x-days"] = ConditionOperator.NextXDays, ["last-x-weeks"] = ConditionOperator.LastXWeeks,
            ["last-x-months"] = ConditionOperator.LastXMonths, ["next-x-months"] = ConditionOperator.NextXMonths, ["last-x-years"] = ConditionOperator.LastXYears,
            ["olderthan-x-minutes"] = ConditionOperator.OlderThanXMinutes, ["olderthan-x-hours"] = ConditionOperator.OlderThanXHours,
            ["olderthan-x-days"] = ConditionOperator.OlderThanXDays, ["olderthan-x-weeks"] = ConditionOperator.OlderThanXWeeks,
            ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths, ["olderthan-x-years"] = ConditionOperator.OlderThanXYears,
            ["eq-userid"] = ConditionOperator.EqualUserId, ["ne-userid"] = ConditionOperator.NotEqualUserId,
        };

        private static readonly HashSet<string> Functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "count", "countcolumn", "sum", "avg", "min", "max" };

        public static FetchPlan Parse(string fetchXml)
        {
            XElement fetch;
            try
            {
                fetch = XDocument.Parse(fetchXml ?? string.Empty).Root;
            }
            catch (XmlException ex)
            {
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"Malformed FetchXML: {ex.Message}");
            }
            if (fetch == null || fetch.Name.LocalName != "fetch") throw Invalid("the root element must be <fetch>");
            var entity = fetch.Element("entity") ?? throw Invalid("<fetch> has no <entity>");
            var entityName = Required(entity, "name");

            var plan = new FetchPlan
            {
                Aggregate = Bool(fetch, "aggregate"),
                Query = new QueryExpression(entityName) { Distinct = Bool(fetch, "distinct"), ColumnSet = new ColumnSet() },
            };
            var query = plan.Query;
            if (fetch.Attribute("top") != null) query.TopCount = Int(fetch, "top");
            if (fetch.Attribute("count") != null) query.PageInfo.Count = Int(fetch, "count");
            if (fetch.Attribute("page") != null) query.PageInfo.PageNumber = Int(fetch, "page");
            query.PageInfo.PagingCookie = (string)fetch.Attribute("paging-cookie");
            query.PageInfo.ReturnTotalRecordCount = Bool(fetch, "returntotalrecordcount");

            ReadColumns(entity, null, entityName, query.ColumnSet, plan);
            foreach (var filter in entity.Elements("filter")) query.Criteria.AddFilter(ReadFilter(filter));
            foreach (var order in entity.Elements("order")) ReadOrder(order, plan, query.Orders, null);
            foreach (var link in entity.Elements("link-entity")) query.LinkEntities.Add(ReadLink(link, entityName, plan));
            return plan;
        }

        private static LinkEntity ReadLink(XElement element, string parentEntity, FetchPlan plan)
        {
            var name = Required(element, "name");
            var linkType = ((string)element.Attribute("link-type") ?? "inner").ToLowerInvariant();
            JoinOperator join;
            switch (linkType)
            {
                case "inner": join = JoinOperator.Inner; break;
                case "outer": join = JoinOperator.LeftOuter; break;
                case "exists": join = JoinOperator.Exists; break;
                case "in": join = JoinOperator.In; break;
                case "any": join = JoinOperator.Any; break;
                case "not any": join = JoinOperator.NotAny; break;
                default: throw Invalid($"link-type '{linkType}' on <link-entity name=\"{name}\"> is not supported");
            }
            // FetchXML's "from" is the linked table's column and "to" the parent's: the reverse of LinkEntity's naming.
            var link = new LinkEntity(parentEntity, name, Required(element, "to"), Required(element, "from"), join)
            {
                EntityAlias = (string)element.Attribute("alias"),
                Columns = new ColumnSet(),
            };
            if (link.EntityAlias == null) link.EntityAlias = name;
            ReadColumns(element, link.EntityAlias, name, link.Columns, plan);
            foreach (var filter in element.Elements("filter")) link.LinkCriteria.AddFilter(ReadFilter(filter));
            foreach (var order in element.Elements("order")) ReadOrder(order, plan, link.Orders, link.EntityAlias);
            foreach (var child in element.Elements("link-entity")) link.LinkEntities.Add(ReadLink(child, name, plan));
            return link;
        }

        private static void ReadColumns(XElement element, string entityAlias, string entityName, ColumnSet columns, FetchPlan plan)
        {
            if (element.Element("all-attributes") != null) columns.AllColumns = true;
            foreach (var attribute in element.Elements("attribute"))
            {
                var name = Required(attribute, "name");
                if (!plan.Aggregate)
                {
                    columns.AddColumn(name);
                    continue;
                }
                var function = (string)attribute.Attribute("aggregate");
                var groupBy = Bool(attribute, "groupby");
                if (function == null && !groupBy) throw Invalid($"attribute '{name}' in an aggregate fetch needs an aggregate function or groupby=\"true\"");
                if (function != null && !Functions.Contains(function)) throw Invalid($"aggregate '{function}' on '{name}' is not one of count, countcolumn, sum, avg, min, max");
                plan.AggregateColumns.Add(new AggregateColumn
                {
                    Alias = (string)attribute.Attribute("alias") ?? throw Invalid($"attribute '{name}' in an aggregate fetch needs an alias"),
                    EntityAlias = entityAlias,
                    EntityName = entityName,
                    Attribute = name,
                    Function = function?.ToLowerInvariant(),
                    GroupBy = groupBy,
                    DateGrouping = (string)attribute.Attribute("dategrouping"),
                    Distinct = Bool(attribute, "distinct"),
                });
            }
        }

        private static void ReadOrder(XElement order, FetchPlan plan, Microsoft.Xrm.Sdk.DataCollection<OrderExpression> orders, string entityAlias)
        {
            var descending = Bool(order, "descending");
            if (plan.Aggregate)
            {
                plan.AggregateOrders.Add((Required(order, "alias"), descending));
                return;
            }
            orders.Add(new OrderExpression(Required(order, "attribute"), descending ? OrderType.Descending : OrderType.Ascending, null, entityAlias));
        }

        private static FilterExpression ReadFilter(XElement element)
        {
            var type = ((string)element.Attribute("type") ?? "and").ToLowerInvariant();
            if (type != "and" && type != "or") throw Invalid($"filter type '{type}' must be 'and' or 'or'");
            var filter = new FilterExpression(type == "or" ? LogicalOperator.Or : LogicalOperator.And);
            foreach (var child in element.Elements())
            {
                if (child.Name.LocalName == "filter") filter.AddFilter(ReadFilter(child));
                else if (child.Name.LocalName == "condition") filter.AddCondition(ReadCondition(child));
                else throw Invalid($"<{child.Name.LocalName}> is not allowed inside <filter>");
            }
            return filter;
        }

        private static ConditionExpression ReadCondition(XElement element)
        {
            var attribute = Required(element, "attribute");
            var op = Required(element, "operator");
            if (!Operators.TryGetValue(op, out var conditionOperator)) throw Invalid($"condition operator '{op}' on '{attribute}' is not supported");
            var condition = new ConditionExpression { AttributeName = attribute, Operator = conditionOperator, EntityName = (string)element.Attribute("entityname") };
            var single = (string)element.Attribute("value");
            if (single != null) condition.Values.Add(single);
            foreach (var value in element.Elements("value")) condition.Values.Add(value.Value);
            var valueOf = (string)element.Attribute("valueof");
            if (valueOf != null)
            {
                condition.CompareColumns = true;
                condition.Values.Add(valueOf);
            }
            return condition;
        }

        private static string Required(XElement element, string attribute) =>
            (string)element.Attribute(attribute) ?? throw Invalid($"<{element.Name.LocalName}> is missing the '{attribute}' attribute");

        private static bool Bool(XElement element, string attribute)
        {
            var text = (string)element.Attribute(attribute);
            return text != null && (text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        private static int Int(XElement element, string attribute)
        {
            var text = (string)element.Attribute(attribute);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
                throw Invalid($"'{attribute}' on <{element.Name.LocalName}> must be a non-negative whole number, not '{text}'");
            return value;
        }

        private static DataverseFaultException Invalid(string what) =>
            new DataverseFaultException(ErrorCodes.InvalidArgument, "Invalid FetchXML: " + what + ".");
    }
}
