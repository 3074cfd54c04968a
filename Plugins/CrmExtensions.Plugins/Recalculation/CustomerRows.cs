using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>Reads customer rows (accounts and contacts) with the columns every evaluation needs.</summary>
    public static class CustomerRows
    {
        /// <summary>One customer, or null when it does not exist: a query rather than Retrieve, so a missing row is not a platform fault.</summary>
        public static CustomerSnapshot TryRead(IOrganizationService service, EntityReference customer)
        {
            RequireCustomerTable(customer.LogicalName);
            var query = new QueryExpression(customer.LogicalName) { ColumnSet = CustomerSnapshot.ColumnSet };
            query.Criteria.AddCondition(Common.PrimaryIdOf(customer.LogicalName), ConditionOperator.Equal, customer.Id);
            var row = service.RetrieveMultiple(query).Entities.FirstOrDefault();
            return row == null ? null : new CustomerSnapshot(row);
        }

        public static CustomerSnapshot Read(IOrganizationService service, EntityReference customer) => TryRead(service, customer) ?? throw Missing(customer);

        /// <summary>Many customers, one query per table; every one must exist.</summary>
        public static IReadOnlyList<CustomerSnapshot> Read(IOrganizationService service, IReadOnlyCollection<EntityReference> customers)
        {
            var rows = new List<Entity>();
            foreach (var table in customers.GroupBy(c => c.LogicalName))
            {
                RequireCustomerTable(table.Key);
                var query = new QueryExpression(table.Key) { ColumnSet = CustomerSnapshot.ColumnSet };
                query.Criteria.AddCondition(Common.PrimaryIdOf(table.Key), ConditionOperator.In, table.Select(c => (object)c.Id).Distinct().ToArray());
                rows.AddRange(PagedQuery.All(service, query));
            }
            var found = new HashSet<System.Guid>(rows.Select(r => r.Id));
            var missing = customers.FirstOrDefault(c => !found.Contains(c.Id));
            if (missing != null) throw Missing(missing);
            return rows.Select(r => new CustomerSnapshot(r)).ToList();
        }

        public static void RequireCustomerTable(string table)
        {
            if (table != Account.EntityLogicalName && table != Contact.EntityLogicalName)
                throw new DomainValidationException($"Only accounts and contacts are customers; got a {table}.");
        }

        private static DomainValidationException Missing(EntityReference customer) =>
            new DomainValidationException($"The {customer.LogicalName} {customer.Id} does not exist (deleted or never created).");
    }
}
