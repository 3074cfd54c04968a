using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    public class QueryTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        private readonly InMemoryDataverse _host = new InMemoryDataverse(Now);
        private readonly Entity _contoso, _fabrikam, _litware;

        public QueryTests()
        {
            _contoso = new Entity("account") { ["name"] = "Contoso", ["revenue"] = new Money(500m), ["industrycode"] = new OptionSetValue(1), ["numberofemployees"] = 50 };
            _fabrikam = new Entity("account") { ["name"] = "Fabrikam", ["revenue"] = new Money(1500m), ["industrycode"] = new OptionSetValue(2), ["numberofemployees"] = 10 };
            _litware = new Entity("account") { ["name"] = "Litware", ["industrycode"] = new OptionSetValue(2) };
            _host.Seed(_contoso, _fabrikam, _litware);
            Order(_contoso, 100m, Now.AddDays(-3));
            Order(_contoso, 200m, Now.AddDays(-40));
            Order(_fabrikam, 1000m, Now.AddDays(-1));
            Order(_fabrikam, 50m, Now.AddDays(-400));
        }

        private void Order(Entity account, decimal amount, DateTime when) =>
            _host.Seed(new Entity("salesorder")
            {
                ["customerid"] = account.ToEntityReference(),
                ["totalamount"] = new Money(amount),
                ["submitdate"] = when,
                ["name"] = $"{account["name"]} {amount}",
            });

        private EntityCollection Query(QueryBase query) => _host.GetService().RetrieveMultiple(query);

        [Fact]
        public void Nested_and_or_filters_with_in_and_null()
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            query.Criteria.AddCondition("industrycode", ConditionOperator.In, 2, 3);
            var or = query.Criteria.AddFilter(LogicalOperator.Or);
            or.AddCondition("revenue", ConditionOperator.GreaterThan, 1000m);
            or.AddCondition("revenue", ConditionOperator.Null);
            query.AddOrder("name", OrderType.Ascending);

            Assert.Equal(new[] { "Fabrikam", "Litware" }, Query(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
        }

        [Fact]
        public void Between_like_and_not_equal_compare_unwrapped_values()
        {
            var between = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            between.Criteria.AddCondition("numberofemployees", ConditionOperator.Between, 20, 60);
            Assert.Equal("Contoso", Query(between).Entities.Single().GetAttributeValue<string>("name"));

            var like = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            like.Criteria.AddCondition("name", ConditionOperator.Like, "%WARE");
            like.Criteria.AddCondition("industrycode", ConditionOperator.NotEqual, 1);
            Assert.Equal("Litware", Query(like).Entities.Single().GetAttributeValue<string>("name"));
        }

        [Fact]
        public void Relative_date_operators_use_the_host_clock()
        {
            var recent = new QueryExpression("salesorder") { ColumnSet = new ColumnSet("totalamount") };
            recent.Criteria.AddCondition("submitdate", ConditionOperator.LastXDays, 30);
            Assert.Equal(new[] { 100m, 1000m }, Query(recent).Entities.Select(e => e.GetAttributeValue<Money>("totalamount").Value).OrderBy(v => v));

            var old = new QueryExpression("salesorder") { ColumnSet = new ColumnSet("totalamount") };
            old.Criteria.AddCondition("submitdate", ConditionOperator.OlderThanXMonths, 12);
            Assert.Equal(50m, Query(old).Entities.Single().GetAttributeValue<Money>("totalamount").Value);
        }

        [Fact]
        public void Link_entities_join_and_return_aliased_values()
        {
            var query = new QueryExpression("salesorder") { ColumnSet = new ColumnSet("totalamount") };
            var link = query.AddLink("account", "customerid", "accountid");
            link.EntityAlias = "acct";
            link.Columns = new ColumnSet("name");
            link.LinkCriteria.AddCondition("industrycode", ConditionOperator.Equal, 2);
            query.AddOrder("totalamount", OrderType.Descending);

            var rows = Query(query).Entities;
            Assert.Equal(2, rows.Count);
            Assert.Equal("Fabrikam", rows[0].GetAttributeValue<AliasedValue>("acct.name").Value);
            Assert.Equal(1000m, rows[0].GetAttributeValue<Money>("totalamount").Value);
        }

        [Fact]
        public void Outer_join_keeps_rows_without_a_match()
        {
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            var link = query.AddLink("salesorder", "accountid", "customerid", JoinOperator.LeftOuter);
            link.EntityAlias = "o";
            query.Criteria.AddCondition("o", "salesorderid", ConditionOperator.Null);
            Assert.Equal("Litware", Query(query).Entities.Single().GetAttributeValue<string>("name"));
        }

        [Fact]
        public void Paging_reports_more_records_and_top_count_limits()
        {
            var query = new QueryExpression("salesorder") { ColumnSet = new ColumnSet("totalamount"), PageInfo = new PagingInfo { Count = 3, PageNumber = 1, ReturnTotalRecordCount = true } };
            query.AddOrder("totalamount", OrderType.Ascending);
            var first = Query(query);
            Assert.Equal(3, first.Entities.Count);
            Assert.True(first.MoreRecords);
            Assert.Equal(4, first.TotalRecordCount);
            query.PageInfo.PageNumber = 2;
            query.PageInfo.PagingCookie = first.PagingCookie;
            var second = Query(query);
            Assert.Equal(1000m, second.Entities.Single().GetAttributeValue<Money>("totalamount").Value);
            Assert.False(second.MoreRecords);

            var top = new QueryExpression("salesorder") { TopCount = 2, ColumnSet = new ColumnSet(false) };
            Assert.Equal(2, Query(top).Entities.Count);
        }

        [Fact]
        public void ColumnSet_projects_only_requested_columns_plus_the_key()
        {
            var row = _host.GetService().Retrieve("account", _contoso.Id, new ColumnSet("name"));
            Assert.Equal(new[] { "accountid", "name" }, row.Attributes.Keys.OrderBy(k => k));
        }

        [Fact]
        public void QueryByAttribute_filters_by_equality()
        {
            var query = new QueryByAttribute("account") { ColumnSet = new ColumnSet("name") };
            query.AddAttributeValue("industrycode", new OptionSetValue(1));
            Assert.Equal("Contoso", Query(query).Entities.Single().GetAttributeValue<string>("name"));
        }

        [Fact]
        public void FetchXml_filters_links_and_orders()
        {
            var fetch = $@"<fetch>
  <entity name='salesorder'>
    <attribute name='totalamount' />
    <filter type='or'>
      <condition attribute='submitdate' operator='last-x-days' value='7' />
      <condition attribute='totalamount' operator='between'><value>150</value><value>250</value></condition>
    </filter>
    <link-entity name='account' from='accountid' to='customerid' alias='a'>
      <attribute name='name' />
      <filter><condition attribute='name' operator='in'><value>Contoso</value><value>Fabrikam</value></condition></filter>
    </link-entity>
    <order attribute='totalamount' descending='true' />
  </entity>
</fetch>";
            var rows = Query(new FetchExpression(fetch)).Entities;
            Assert.Equal(new[] { 1000m, 200m, 100m }, rows.Select(r => r.GetAttributeValue<Money>("totalamount").Value));
            Assert.Equal("Contoso", rows[2].GetAttributeValue<AliasedValue>("a.name").Value);
        }

        [Fact]
        public void FetchXml_aggregates_group_by_customer()
        {
            var fetch = @"<fetch aggregate='true'>
  <entity name='salesorder'>
    <attribute name='customerid' groupby='true' alias='customer' />
    <attribute name='totalamount' aggregate='sum' alias='total' />
    <attribute name='salesorderid' aggregate='count' alias='orders' />
    <attribute name='totalamount' aggregate='avg' alias='average' />
    <attribute name='totalamount' aggregate='max' alias='largest' />
    <attribute name='submitdate' aggregate='min' alias='first' />
    <attribute name='submitdate' aggregate='max' alias='last' />
    <order alias='total' descending='true' />
  </entity>
</fetch>";
            var rows = Query(new FetchExpression(fetch)).Entities;
            Assert.Equal(2, rows.Count);
            var fabrikam = rows[0];
            Assert.Equal(_fabrikam.Id, ((EntityReference)fabrikam.GetAttributeValue<AliasedValue>("customer").Value).Id);
            Assert.Equal(1050m, ((Money)fabrikam.GetAttributeValue<AliasedValue>("total").Value).Value);
            Assert.Equal(2, fabrikam.GetAttributeValue<AliasedValue>("orders").Value);
            Assert.Equal(525m, ((Money)fabrikam.GetAttributeValue<AliasedValue>("average").Value).Value);
            Assert.Equal(1000m, ((Money)fabrikam.GetAttributeValue<AliasedValue>("largest").Value).Value);
            Assert.Equal(Now.AddDays(-400), fabrikam.GetAttributeValue<AliasedValue>("first").Value);
            Assert.Equal(Now.AddDays(-1), fabrikam.GetAttributeValue<AliasedValue>("last").Value);
            Assert.Equal(300m, ((Money)rows[1].GetAttributeValue<AliasedValue>("total").Value).Value);
        }

        [Fact]
        public void FetchXml_aggregate_without_rows_returns_count_zero_and_no_sum()
        {
            var fetch = @"<fetch aggregate='true'><entity name='salesorder'>
  <attribute name='salesorderid' aggregate='count' alias='n' />
  <attribute name='totalamount' aggregate='sum' alias='total' />
  <filter><condition attribute='totalamount' operator='gt' value='99999' /></filter>
</entity></fetch>";
            var row = Query(new FetchExpression(fetch)).Entities.Single();
            Assert.Equal(0, row.GetAttributeValue<AliasedValue>("n").Value);
            Assert.False(row.Contains("total"));
        }

        [Fact]
        public void FetchXml_date_grouping_and_countcolumn()
        {
            var fetch = @"<fetch aggregate='true'><entity name='salesorder'>
  <attribute name='submitdate' groupby='true' dategrouping='year' alias='year' />
  <attribute name='customerid' aggregate='countcolumn' distinct='true' alias='customers' />
  <order alias='year' />
</entity></fetch>";
            var rows = Query(new FetchExpression(fetch)).Entities;
            Assert.Equal(new object[] { 2025, 2026 }, rows.Select(r => r.GetAttributeValue<AliasedValue>("year").Value));
            Assert.Equal(new object[] { 1, 2 }, rows.Select(r => r.GetAttributeValue<AliasedValue>("customers").Value));
        }

        [Fact]
        public void Aggregate_over_more_rows_than_the_platform_limit_is_refused()
        {
            _host.MaxAggregateRecords = 3;
            var fetch = "<fetch aggregate='true'><entity name='salesorder'><attribute name='totalamount' aggregate='sum' alias='t' /></entity></fetch>";
            var error = Assert.Throws<DataverseFaultException>(() => Query(new FetchExpression(fetch)));
            Assert.Equal(ErrorCodes.AggregateQueryRecordLimitExceeded, error.ErrorCode);
            Assert.Contains("AggregateQueryRecordLimit exceeded", error.Message);
        }

        [Theory]
        [InlineData("<fetch><entity name='account'>", "Malformed FetchXML")]
        [InlineData("<fetch><entity><attribute name='name'/></entity></fetch>", "<entity> is missing the 'name' attribute")]
        [InlineData("<fetch><entity name='account'><filter><condition attribute='name' operator='sounds-like' value='x'/></filter></entity></fetch>",
            "condition operator 'sounds-like' on 'name' is not supported")]
        [InlineData("<fetch aggregate='true'><entity name='account'><attribute name='revenue' aggregate='median' alias='m'/></entity></fetch>", "aggregate 'median'")]
        [InlineData("<fetch count='-1'><entity name='account'/></fetch>", "'count' on <fetch> must be a non-negative whole number")]
        public void Bad_FetchXml_gets_a_message_naming_the_problem(string fetch, string expected)
        {
            var error = Assert.Throws<DataverseFaultException>(() => Query(new FetchExpression(fetch)));
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void Condition_value_of_the_wrong_type_is_reported()
        {
            var fetch = "<fetch><entity name='salesorder'><filter><condition attribute='submitdate' operator='on-or-after' value='not a date'/></filter></entity></fetch>";
            var error = Assert.Throws<DataverseFaultException>(() => Query(new FetchExpression(fetch)));
            Assert.Contains("'not a date' is not valid", error.Message);
        }
    }
}
