using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>The messages the organisation knows: the platform's, by their exact request name, then the registered Custom APIs.</summary>
    internal sealed class MessageHandlers
    {
        private readonly Dictionary<string, MessageHandler> _platform;
        private readonly Dictionary<string, CustomApiHandler> _customApis = new Dictionary<string, CustomApiHandler>(StringComparer.OrdinalIgnoreCase);
        private readonly InMemoryDataverse _host;

        public MessageHandlers(InMemoryDataverse host)
        {
            _host = host;
            _platform = new MessageHandler[]
            {
                new RetrieveHandler(host),
                new RetrieveMultipleHandler(host),
                new ExecuteMultipleHandler(host),
                new WhoAmIHandler(host),
                new RetrieveCurrentOrganizationHandler(host),
                new UserPrivilegeHandler(host),
                new ExecuteAsyncHandler(host),
                new ImportSolutionHandler(host),
                new PublishAllXmlHandler(host),
                new CreateHandler(host),
                new UpdateHandler(host),
                new UpsertHandler(host),
                new DeleteHandler(host),
                new AssignHandler(host),
                new SetStateHandler(host),
                CloseHandler.WinOpportunity(host),
                CloseHandler.CloseIncident(host),
                CloseHandler.FulfillSalesOrder(host),
                CloseHandler.CancelSalesOrder(host),
                new ConvertSalesOrderToInvoiceHandler(host),
            }.ToDictionary(h => h.RequestName, StringComparer.Ordinal);
        }

        public void Register(CustomApiDefinition api) => _customApis[api.UniqueName] = new CustomApiHandler(_host, api);

        public MessageHandler For(string requestName)
        {
            var name = requestName ?? string.Empty;
            if (_platform.TryGetValue(name, out var handler)) return handler;
            return _customApis.TryGetValue(name, out var api) ? api : null;
        }
    }
}
