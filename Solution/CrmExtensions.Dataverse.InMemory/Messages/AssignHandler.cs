using System.Linq;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// Assign: gives the Target row to the Assignee, and with it the rows that reference it through a relationship whose
    /// CascadeAssign is Cascade (all), Active (those in state 0) or UserOwned (those the previous owner owned), and so on
    /// down; the cascaded rows run no steps of their own.
    /// </summary>
    internal sealed class AssignHandler : PipelineMessage
    {
        public AssignHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Assign";

        public override void ResolvePrimary(Operation operation) => ResolveReference(operation, "Target", "Assign needs a Target entity reference.");

        public override OrganizationResponse Execute(Operation operation)
        {
            var target = (EntityReference)operation.Request["Target"];
            var assignee = (EntityReference)operation.Request["Assignee"];
            var stored = Host.Store.Get(target.LogicalName, target.Id);
            Host.Security.Records.Demand(operation.Scope.UserId, AccessRight.Assign, stored);
            Change(operation, target.LogicalName, target.Id, new Entity(target.LogicalName, target.Id) { [Owner] = assignee });
            Cascade(operation, target, stored.GetAttributeValue<EntityReference>(Owner), assignee);
            return new AssignResponse();
        }

        private const string Owner = "ownerid";

        private void Cascade(Operation operation, EntityReference row, EntityReference previous, EntityReference assignee)
        {
            foreach (var relationship in Host.Relationships.Where(r => r.Assign != CascadeAssign.NoCascade && r.Applies(row.LogicalName)))
            {
                var children = Host.Store.Rows(relationship.Referencing)
                    .Where(c => c.GetAttributeValue<EntityReference>(relationship.Lookup) is EntityReference lookup && lookup.Id == row.Id && Follows(relationship.Assign, c, previous))
                    .ToList();
                foreach (var child in children)
                {
                    var assigned = EntityCloner.Clone(child);
                    assigned[Owner] = assignee;
                    DerivedColumns.Modified(assigned, operation.Scope.UserId, Host.UtcNow);
                    Host.Store.Replace(assigned);
                    Cascade(operation, child.ToEntityReference(), child.GetAttributeValue<EntityReference>(Owner), assignee);
                }
            }
        }

        private static bool Follows(CascadeAssign behaviour, Entity child, EntityReference previous)
        {
            switch (behaviour)
            {
                case CascadeAssign.Active: return (child.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0;
                case CascadeAssign.UserOwned: return previous != null && child.GetAttributeValue<EntityReference>(Owner)?.Id == previous.Id;
                default: return true;
            }
        }
    }
}
