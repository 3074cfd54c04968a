using System;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>Which handler answers a request: platform messages by their exact name, Custom APIs by name in any case.</summary>
    public class MessageDispatchTests
    {
        private readonly InMemoryDataverse _host = new InMemoryDataverse();

        public MessageDispatchTests()
        {
            var echo = new CustomApiDefinition { UniqueName = "cx_Echo", PluginType = typeof(EchoApi) };
            echo.RequestParameters.Add(new CustomApiParameter { UniqueName = "Text", Type = 10 });
            echo.ResponseProperties.Add(new CustomApiParameter { UniqueName = "Echo", Type = 10 });
            _host.Register(echo);
        }

        [Theory]
        [InlineData("cx_NoSuchApi")]
        [InlineData("create")]
        public void A_message_the_organisation_does_not_know_is_a_fault(string name)
        {
            var fault = Assert.Throws<DataverseFaultException>(() => _host.GetService().Execute(new OrganizationRequest(name)));
            Assert.Equal(ErrorCodes.UnsupportedMessage, fault.ErrorCode);
        }

        [Fact]
        public void A_custom_api_answers_whatever_the_case_of_its_name()
        {
            Assert.Equal("HI@30", _host.GetService().Execute(new OrganizationRequest("CX_ECHO") { ["Text"] = "hi" })["Echo"]);
        }

        [Fact]
        public void WhoAmI_names_the_caller_and_the_organisation()
        {
            var user = _host.AddUser("Someone");
            var who = (WhoAmIResponse)_host.GetService(user).Execute(new WhoAmIRequest());
            Assert.Equal(user, who.UserId);
            Assert.Equal(_host.OrganizationId, who.OrganizationId);
        }

        [Fact]
        public void Upsert_by_id_creates_a_missing_row_then_updates_it_as_one_call_each()
        {
            var service = _host.GetService();
            var id = Guid.NewGuid();
            _host.Calls.Reset();
            var created = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "First" } });
            var updated = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "Second" } });
            Assert.Equal(2, _host.Calls.Total);
            Assert.True(created.RecordCreated);
            Assert.False(updated.RecordCreated);
            Assert.Equal("Second", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
        }
    }
}
