using System;
using System.Net;
using CrmExtensions.Plugins.Model;
using System.Net.Http;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.PowerPlatform.Dataverse.Client.Exceptions;
using Microsoft.PowerPlatform.Dataverse.Client.HttpUtils;
using Microsoft.PowerPlatform.Dataverse.Client.Utils;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// The host's service as ServiceClient's Web API calls deliver a refusal: the host's fault becomes the error response
    /// the Web API sends ({"error": {"code", "message"}} with its HTTP status), and ServiceClient's own
    /// GenerateClientOperationException turns it into the DataverseOperationException a run against a live org meets.
    /// </summary>
    internal sealed class WebApiService : IOrganizationService
    {
        private readonly IOrganizationService _host;

        public WebApiService(IOrganizationService host) => _host = host;

        public Guid Create(Entity entity) => Call(() => _host.Create(entity));
        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => Call(() => _host.Retrieve(entityName, id, columnSet));
        public void Update(Entity entity) => Call(() => _host.Update(entity));
        public void Delete(string entityName, Guid id) => Call(() => _host.Delete(entityName, id));
        public OrganizationResponse Execute(OrganizationRequest request) => Call(() => _host.Execute(request));
        public EntityCollection RetrieveMultiple(QueryBase query) => Call(() => _host.RetrieveMultiple(query));

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Call(() => _host.Associate(entityName, entityId, relationship, relatedEntities));

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Call(() => _host.Disassociate(entityName, entityId, relationship, relatedEntities));

        private static void Call(Action call) => Call(() =>
        {
            call();
            return 0;
        });

        private static T Call<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                throw WebApiError(fault.Detail);
            }
        }

        /// <summary>The Web API's answer to a fault, as ServiceClient reads it: the status the Web API gives its kind of error.</summary>
        private static DataverseOperationException WebApiError(OrganizationServiceFault fault)
        {
            // Microsoft's service protection docs: the Web API answers its limits with 429 Too Many Requests.
            var throttled = fault.ErrorCode == PlatformErrors.RequestsLimitExceeded || fault.ErrorCode == PlatformErrors.ExecutionTimeLimitExceeded
                || fault.ErrorCode == PlatformErrors.ConcurrentRequestsLimitExceeded;
            var status = throttled ? (HttpStatusCode)429
                : fault.ErrorCode == ErrorCodes.ObjectDoesNotExist ? HttpStatusCode.NotFound
                : fault.ErrorCode == ErrorCodes.PrincipalPrivilegeDenied || fault.ErrorCode == ErrorCodes.PrivilegeDenied ? HttpStatusCode.Forbidden
                : HttpStatusCode.BadRequest;
            var body = new JsonObject { ["error"] = new JsonObject { ["code"] = $"0x{fault.ErrorCode:x8}", ["message"] = fault.Message } }.ToJsonString();
            var response = new HttpOperationException($"Operation returned an invalid status code '{status}'")
            {
                Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status), body),
            };
            return DataverseOperationException.GenerateClientOperationException(response);
        }
    }
}
