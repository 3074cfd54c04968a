using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// Delete: removes the Target row (a missing one is a fault) and applies each relationship's CascadeDelete to the
    /// rows that reference it: Cascade deletes them (and what references them), RemoveLink clears the lookup, Restrict
    /// refuses while any exists. All inside the operation's transaction; the cascaded deletes run no steps of their own.
    /// </summary>
    internal sealed class DeleteHandler : PipelineMessage
    {
        public DeleteHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Delete";

        public override void ResolvePrimary(Operation operation) => ResolveReference(operation, "Target", "Delete needs a Target entity reference.");

        public override OrganizationResponse Execute(Operation operation)
        {
            var target = (EntityReference)operation.Request["Target"];
            Host.Security.Records.Demand(operation.Scope.UserId, AccessRight.Delete, Host.Store.Get(target.LogicalName, target.Id));
            Remove(target);
            return new DeleteResponse();
        }

        private void Remove(EntityReference row)
        {
            Host.Store.Remove(row.LogicalName, row.Id);
            foreach (var relationship in Host.Relationships.Where(r => r.Applies(row.LogicalName)))
            {
                var children = Referencing(relationship, row).ToList();
                if (children.Count == 0) continue;
                switch (relationship.Delete)
                {
                    case CascadeDelete.Cascade:
                        foreach (var child in children) Remove(child.ToEntityReference());
                        break;
                    case CascadeDelete.RemoveLink:
                        foreach (var child in children)
                        {
                            var unlinked = EntityCloner.Clone(child);
                            unlinked.Attributes.Remove(relationship.Lookup);
                            Host.Store.Replace(unlinked);
                        }
                        break;
                    case CascadeDelete.Restrict:
                        throw new DataverseFaultException(ErrorCodes.CannotDeleteDueToAssociation,
                            $"The {row.LogicalName} cannot be deleted because {children.Count} {relationship.Referencing} row(s) reference it ({relationship.Lookup}).");
                }
            }
        }

        private IEnumerable<Entity> Referencing(CascadeRelationship relationship, EntityReference row) =>
            Host.Store.Rows(relationship.Referencing).Where(r => r.GetAttributeValue<EntityReference>(relationship.Lookup) is EntityReference lookup
                && lookup.Id == row.Id && (lookup.LogicalName == null || lookup.LogicalName == row.LogicalName)).ToList();
    }
}
