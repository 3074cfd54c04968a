using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>Retrieve: a copy of one row with the requested columns and its primary key, as far as the caller may read it.</summary>
    internal sealed class RetrieveHandler : DirectMessage
    {
        public RetrieveHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Retrieve";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var target = (EntityReference)request["Target"] ?? throw Invalid("Retrieve needs a Target.");
            var columns = (ColumnSet)request["ColumnSet"] ?? throw Invalid("Retrieve needs a ColumnSet (use new ColumnSet(true) for every column).");
            Host.Queries.CheckColumns(target.LogicalName, columns);
            var row = Host.Store.Get(target.LogicalName, target.Id);
            var copy = EntityCloner.Clone(row, c => columns.AllColumns || columns.Columns.Contains(c));
            copy[PrimaryKey.For(target.LogicalName)] = row.Id;
            Host.Security.Readable(scope.UserId, row, copy);
            var response = new RetrieveResponse();
            response.Results["Entity"] = copy;
            return response;
        }
    }
}
