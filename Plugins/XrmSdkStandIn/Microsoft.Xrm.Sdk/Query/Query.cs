using System;
using System.Collections;

namespace Microsoft.Xrm.Sdk.Query
{
    public enum LogicalOperator
    {
        And = 0,
        Or = 1,
    }

    public enum JoinOperator
    {
        Inner = 0,
        LeftOuter = 1,
        Natural = 2,
        MatchFirstRowUsingCrossApply = 3,
        In = 4,
        Exists = 5,
        Any = 6,
        NotAny = 7,
        All = 8,
        NotAll = 9,
    }

    public enum OrderType
    {
        Ascending = 0,
        Descending = 1,
    }

    public abstract class QueryBase
    {
        internal QueryBase() { }
    }

    public sealed class ColumnSet
    {
        public ColumnSet() { }
        public ColumnSet(bool allColumns) { AllColumns = allColumns; }
        public ColumnSet(params string[] columns) { AddColumns(columns); }

        public bool AllColumns { get; set; }
        public DataCollection<string> Columns { get; set; } = new DataCollection<string>();

        public void AddColumns(params string[] columns)
        {
            if (columns != null) foreach (var column in columns) Columns.Add(column);
        }

        public void AddColumn(string column) => Columns.Add(column);
    }

    public sealed class ConditionExpression
    {
        public ConditionExpression() { }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(null, attributeName, conditionOperator, false, values) { }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(entityName, attributeName, conditionOperator, false, values) { }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            EntityName = entityName;
            AttributeName = attributeName;
            Operator = conditionOperator;
            CompareColumns = compareColumns;
            if (values != null) Values.AddRange(values);
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(entityName, attributeName, conditionOperator, compareColumns, new[] { value }) { }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(null, attributeName, conditionOperator, compareColumns, new[] { value }) { }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
            : this(null, attributeName, conditionOperator, compareColumns, values) { }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
            : this(null, attributeName, conditionOperator, false, new[] { value }) { }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
            : this(entityName, attributeName, conditionOperator, false, new[] { value }) { }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
            : this(null, attributeName, conditionOperator, false, new object[0]) { }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
            : this(entityName, attributeName, conditionOperator, false, new object[0]) { }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
            : this(null, attributeName, conditionOperator, false, new object[0])
        {
            if (values != null) foreach (var value in values) Values.Add(value);
        }

        public string EntityName { get; set; }
        public bool CompareColumns { get; set; }
        public string AttributeName { get; set; }
        public ConditionOperator Operator { get; set; }
        public DataCollection<object> Values { get; } = new DataCollection<object>();
    }

    public sealed class FilterExpression
    {
        public FilterExpression() { }
        public FilterExpression(LogicalOperator filterOperator) { FilterOperator = filterOperator; }

        public LogicalOperator FilterOperator { get; set; }
        public string FilterHint { get; set; }
        public DataCollection<ConditionExpression> Conditions { get; } = new DataCollection<ConditionExpression>();
        public DataCollection<FilterExpression> Filters { get; } = new DataCollection<FilterExpression>();
        public bool IsQuickFindFilter { get; set; }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, values));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, values));

        public void AddCondition(ConditionExpression condition) => Conditions.Add(condition);

        public FilterExpression AddFilter(LogicalOperator logicalOperator)
        {
            var child = new FilterExpression(logicalOperator);
            Filters.Add(child);
            return child;
        }

        public void AddFilter(FilterExpression childFilter)
        {
            if (childFilter != null) Filters.Add(childFilter);
        }
    }

    public sealed class OrderExpression
    {
        public OrderExpression() { }
        public OrderExpression(string attributeName, OrderType orderType) { AttributeName = attributeName; OrderType = orderType; }
        public OrderExpression(string attributeName, OrderType orderType, string alias) : this(attributeName, orderType) { Alias = alias; }
        public OrderExpression(string attributeName, OrderType orderType, string alias, string entityName) : this(attributeName, orderType, alias) { EntityName = entityName; }

        public string AttributeName { get; set; }
        public OrderType OrderType { get; set; }
        public string Alias { get; set; }
        public string EntityName { get; set; }
    }

    public sealed class LinkEntity
    {
        public LinkEntity() { }

        public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkFromEntityName = linkFromEntityName;
            LinkToEntityName = linkToEntityName;
            LinkFromAttributeName = linkFromAttributeName;
            LinkToAttributeName = linkToAttributeName;
            JoinOperator = joinOperator;
        }

        public string LinkFromAttributeName { get; set; }
        public string LinkFromEntityName { get; set; }
        public string LinkToEntityName { get; set; }
        public string LinkToAttributeName { get; set; }
        public JoinOperator JoinOperator { get; set; }
        public FilterExpression LinkCriteria { get; set; } = new FilterExpression();
        public DataCollection<LinkEntity> LinkEntities { get; } = new DataCollection<LinkEntity>();
        public ColumnSet Columns { get; set; } = new ColumnSet();
        public string EntityAlias { get; set; }
        public DataCollection<OrderExpression> Orders { get; } = new DataCollection<OrderExpression>();

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
            AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(LinkToEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    public sealed class PagingInfo
    {
        public int PageNumber { get; set; }
        public int Count { get; set; }
        public bool ReturnTotalRecordCount { get; set; }
        public string PagingCookie { get; set; }
    }

    public sealed class QueryExpression : QueryBase
    {
        public QueryExpression() { }
        public QueryExpression(string entityName) { EntityName = entityName; }

        public bool Distinct { get; set; }
        public bool NoLock { get; set; }
        public PagingInfo PageInfo { get; set; } = new PagingInfo();
        public DataCollection<LinkEntity> LinkEntities { get; } = new DataCollection<LinkEntity>();
        public FilterExpression Criteria { get; set; } = new FilterExpression();
        public DataCollection<OrderExpression> Orders { get; } = new DataCollection<OrderExpression>();
        public string EntityName { get; set; }
        public ColumnSet ColumnSet { get; set; } = new ColumnSet();
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));

        public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName) =>
            Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
            AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    public sealed class QueryByAttribute : QueryBase
    {
        public QueryByAttribute() { }
        public QueryByAttribute(string entityName) { EntityName = entityName; }

        public string EntityName { get; set; }
        public DataCollection<string> Attributes { get; } = new DataCollection<string>();
        public DataCollection<object> Values { get; } = new DataCollection<object>();
        public PagingInfo PageInfo { get; set; } = new PagingInfo();
        public ColumnSet ColumnSet { get; set; } = new ColumnSet();
        public DataCollection<OrderExpression> Orders { get; } = new DataCollection<OrderExpression>();
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));

        public void AddAttributeValue(string attributeName, object value)
        {
            Attributes.Add(attributeName);
            Values.Add(value);
        }
    }

    public sealed class FetchExpression : QueryBase
    {
        public FetchExpression() { }
        public FetchExpression(string query) { Query = query; }

        public string Query { get; set; }
    }
}
