using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>The rows the platform keeps beside every activity: its activitypointer row and a party row per participant.</summary>
    public class ActivityPartyTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        private readonly InMemoryDataverse _host = new InMemoryDataverse(Now);
        private readonly IOrganizationService _service;
        private readonly EntityReference _account, _buyer, _cfo;

        public ActivityPartyTests()
        {
            _service = _host.GetService();
            _account = new EntityReference("account", _service.Create(new Entity("account") { ["name"] = "Contoso" }));
            _buyer = new EntityReference("contact", _service.Create(new Entity("contact") { ["lastname"] = "Buyer" }));
            _cfo = new EntityReference("contact", _service.Create(new Entity("contact") { ["lastname"] = "CFO" }));
        }

        private static EntityCollection Parties(params EntityReference[] parties) =>
            new EntityCollection(parties.Select(p => new Entity("activityparty") { ["partyid"] = p }).ToList());

        private Guid Call(EntityReference to, EntityReference regarding) =>
            _service.Create(new Entity("phonecall") { ["subject"] = "Call", ["to"] = Parties(to), ["regardingobjectid"] = regarding });

        private EntityCollection PartiesOf(EntityReference party)
        {
            var query = new QueryExpression("activityparty") { ColumnSet = new ColumnSet("activityid", "participationtypemask") };
            query.Criteria.AddCondition("partyid", ConditionOperator.Equal, party.Id);
            return _service.RetrieveMultiple(query);
        }

        [Fact]
        public void An_activity_has_a_party_row_per_participant_and_for_what_it_is_regarding()
        {
            var call = Call(_buyer, _account);
            Assert.Equal(2, Assert.Single(PartiesOf(_buyer).Entities).GetAttributeValue<OptionSetValue>("participationtypemask").Value);
            Assert.Equal(8, Assert.Single(PartiesOf(_account).Entities).GetAttributeValue<OptionSetValue>("participationtypemask").Value);
            var pointer = _service.Retrieve("activitypointer", call, new ColumnSet("activitytypecode", "subject"));
            Assert.Equal("phonecall", pointer.GetAttributeValue<string>("activitytypecode"));
        }

        [Fact]
        public void The_rows_follow_updates_and_deletes()
        {
            var call = Call(_buyer, _account);
            _service.Update(new Entity("phonecall", call) { ["to"] = Parties(_cfo), ["statecode"] = new OptionSetValue(1), ["actualend"] = Now });
            Assert.Empty(PartiesOf(_buyer).Entities);
            Assert.Single(PartiesOf(_cfo).Entities);
            Assert.Equal(1, _service.Retrieve("activitypointer", call, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
            _service.Delete("phonecall", call);
            Assert.Empty(PartiesOf(_cfo).Entities);
            Assert.Empty(_service.RetrieveMultiple(new QueryExpression("activitypointer")).Entities);
        }

        [Fact]
        public void The_last_completed_activity_per_party_is_one_aggregate_across_activity_tables()
        {
            var call = Call(_buyer, _account);
            var meeting = _service.Create(new Entity("appointment") { ["subject"] = "Review", ["requiredattendees"] = Parties(_buyer, _cfo) });
            _service.Update(new Entity("phonecall", call) { ["statecode"] = new OptionSetValue(1), ["actualend"] = Now.AddDays(-30) });
            _service.Update(new Entity("appointment", meeting) { ["statecode"] = new OptionSetValue(1), ["actualend"] = Now.AddDays(-5) });
            Call(_cfo, null); // open: does not count
            var fetch = $@"<fetch aggregate='true'><entity name='activityparty'><attribute name='partyid' groupby='true' alias='contact' />
                <filter><condition attribute='partyid' operator='in'><value>{_buyer.Id}</value><value>{_cfo.Id}</value></condition></filter>
                <link-entity name='activitypointer' from='activityid' to='activityid' alias='a'><attribute name='actualend' aggregate='max' alias='last' />
                <filter><condition attribute='statecode' operator='eq' value='1' /></filter></link-entity></entity></fetch>";
            var last = _service.RetrieveMultiple(new FetchExpression(fetch)).Entities
                .ToDictionary(e => ((EntityReference)e.GetAttributeValue<AliasedValue>("contact").Value).Id, e => (DateTime)e.GetAttributeValue<AliasedValue>("last").Value);
            Assert.Equal(Now.AddDays(-5), last[_buyer.Id]);
            Assert.Equal(Now.AddDays(-5), last[_cfo.Id]);
        }
    }
}
