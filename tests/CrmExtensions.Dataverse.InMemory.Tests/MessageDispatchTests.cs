using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
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
    }
}
