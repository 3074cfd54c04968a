using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>What the host refuses in a query, and how it pages: the platform's metadata and its documented limits.</summary>
    public class QueryRulesTests
    {
        private readonly InMemoryDataverse _host = StrictOrg.New();
        private IOrganizationService Service => _host.GetService();

        private static int Refused(Action query) => Assert.Throws<DataverseFaultException>(query).ErrorCode;

        private void Accounts(int count)
        {
            for (var i = 0; i < count; i++) _host.Seed(new Entity("account") { ["name"] = "A" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) });
        }

        [NeedsStandardReferenceFact]
        public void A_column_the_table_does_not_have_is_refused_wherever_the_query_names_it()
        {
            var bad = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "cx_nosuchcolumn") };
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Refused(() => Service.RetrieveMultiple(bad)));
            var condition = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            condition.Criteria.AddCondition("cx_nosuchcolumn", ConditionOperator.Null);
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Refused(() => Service.RetrieveMultiple(condition)));
            var order = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            order.AddOrder("cx_nosuchcolumn", OrderType.Ascending);
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Refused(() => Service.RetrieveMultiple(order)));
            var fetch = "<fetch><entity name='account'><attribute name='name' /><link-entity name='contact' from='cx_nosuchcolumn' to='accountid' /></entity></fetch>";
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Refused(() => Service.RetrieveMultiple(new FetchExpression(fetch))));
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Refused(() => Service.Retrieve("account", Guid.NewGuid(), new ColumnSet("cx_nosuchcolumn"))));

            var good = new QueryExpression("account") { ColumnSet = new ColumnSet("name", "cx_tier") };
            good.Criteria.AddCondition("cx_tier", ConditionOperator.Null);
            good.AddOrder("name", OrderType.Ascending);
            Service.RetrieveMultiple(good);
        }

        [NeedsStandardReferenceFact]
        public void An_in_condition_of_more_than_2000_values_is_refused()
        {
            QueryExpression Query(int values)
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
                query.Criteria.AddCondition("accountid", ConditionOperator.In, Enumerable.Range(0, values).Select(_ => (object)Guid.NewGuid()).ToArray());
                return query;
            }
            Assert.Equal(ErrorCodes.TooManyConditionParametersInQuery, Refused(() => Service.RetrieveMultiple(Query(2001))));
            Service.RetrieveMultiple(Query(2000));
        }

        [NeedsStandardReferenceFact]
        public void An_ordering_operator_on_an_id_is_refused()
        {
            var byId = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            byId.Criteria.AddCondition("accountid", ConditionOperator.GreaterThan, Guid.NewGuid());
            Assert.Equal(ErrorCodes.QueryBuilderInvalidConditionOperator, Refused(() => Service.RetrieveMultiple(byId)));
            var byDate = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            byDate.Criteria.AddCondition("createdon", ConditionOperator.GreaterThan, StrictOrg.Now.AddDays(-1));
            byDate.Criteria.AddCondition("name", ConditionOperator.GreaterEqual, "A");
            Service.RetrieveMultiple(byDate);
        }

        [NeedsStandardReferenceFact]
        public void A_page_is_at_most_5000_rows_and_the_rest_follows_by_cookie()
        {
            Accounts(5001);
            var tooBig = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 5001, PageNumber = 1 } };
            Assert.Equal(ErrorCodes.InvalidArgument, Refused(() => Service.RetrieveMultiple(tooBig)));
            Assert.Equal(ErrorCodes.InvalidArgument, Refused(() => Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 5001 })));

            // Without a page size the platform returns its default page, and says there is more.
            var all = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            var first = Service.RetrieveMultiple(all);
            Assert.Equal(5000, first.Entities.Count);
            Assert.True(first.MoreRecords);
            all.PageInfo = new PagingInfo { Count = 5000, PageNumber = 2, PagingCookie = first.PagingCookie };
            var second = Service.RetrieveMultiple(all);
            Assert.Single(second.Entities);
            Assert.False(second.MoreRecords);
            Assert.DoesNotContain(second.Entities[0].Id, first.Entities.Select(e => e.Id));
        }

        [NeedsStandardReferenceFact]
        public void A_cookie_continues_after_its_last_row_even_after_writes_and_page_numbers_stop_at_50000_rows()
        {
            Accounts(5);
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
            query.AddOrder("name", OrderType.Ascending);
            var first = Service.RetrieveMultiple(query);
            Service.Create(new Entity("account") { ["name"] = "A00000" }); // sorts before the cookie: not seen, nothing repeated
            query.PageInfo = new PagingInfo { Count = 2, PageNumber = 2, PagingCookie = first.PagingCookie };
            Assert.Equal(new[] { "A00002", "A00003" }, Service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));

            var deep = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 5000, PageNumber = 11 } };
            Assert.Equal(ErrorCodes.OverRetrievalUpperLimitWithoutPagingCookie, Refused(() => Service.RetrieveMultiple(deep)));
            deep.PageInfo.PageNumber = 10;
            Service.RetrieveMultiple(deep);
        }

        [Fact]
        public void Ids_sort_as_sql_server_sorts_them_and_a_cookie_must_match_its_page()
        {
            var host = new InMemoryDataverse(StrictOrg.Now);
            var low = new Guid("01000000-0000-0000-0000-000000000000");  // .NET sorts it last; SQL Server reads bytes 10-15 first
            var high = new Guid("00000000-0000-0000-0000-000000000001");
            host.Seed(new Entity("account", high) { ["name"] = "high" }, new Entity("account", low) { ["name"] = "low" });
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 1, PageNumber = 1 } };
            query.AddOrder("accountid", OrderType.Ascending);
            var first = host.GetService().RetrieveMultiple(query);
            Assert.Equal("low", first.Entities.Single().GetAttributeValue<string>("name"));

            query.PageInfo = new PagingInfo { Count = 1, PageNumber = 3, PagingCookie = first.PagingCookie };
            Assert.Equal(ErrorCodes.QueryBuilderInvalidPagingCookie, Assert.Throws<DataverseFaultException>(() => host.GetService().RetrieveMultiple(query)).ErrorCode);
            query.PageInfo.PageNumber = 2;
            Assert.Equal("high", host.GetService().RetrieveMultiple(query).Entities.Single().GetAttributeValue<string>("name"));
        }

        [Fact]
        public void Pages_of_rows_an_index_finds_follow_the_id_order_the_cookie_continues_in()
        {
            var host = new InMemoryDataverse(StrictOrg.Now);
            var parent = new Entity("account") { ["name"] = "parent" };
            host.Seed(parent);
            var children = Enumerable.Range(0, 7).Select(i => new Entity("account") { ["name"] = "child " + i, ["parentaccountid"] = parent.ToEntityReference() }).ToArray();
            host.Seed(children);
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
            query.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, parent.Id);

            var read = new System.Collections.Generic.List<Guid>();
            while (true)
            {
                var page = host.GetService().RetrieveMultiple(query);
                read.AddRange(page.Entities.Select(e => e.Id));
                if (!page.MoreRecords) break;
                query.PageInfo = new PagingInfo { Count = 2, PageNumber = query.PageInfo.PageNumber + 1, PagingCookie = page.PagingCookie };
            }

            Assert.Equal(children.Select(c => c.Id).OrderBy(id => id, Query.ValueComparer.IdOrder), read);
        }

        [NeedsStandardReferenceFact]
        public void A_distinct_query_that_pages_needs_an_order()
        {
            Accounts(3);
            var distinct = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), Distinct = true, PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
            Assert.Equal(ErrorCodes.InvalidArgument, Refused(() => Service.RetrieveMultiple(distinct)));
            distinct.AddOrder("name", OrderType.Ascending);
            Assert.Equal(2, Service.RetrieveMultiple(distinct).Entities.Count);
        }
    }
}
