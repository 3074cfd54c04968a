using System.Linq;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// Whether the user who started the pipeline may read a customer. The evaluation reads and writes as SYSTEM (it needs
    /// every order and case, whoever owns them), so an entry point that answers a user or acts for one first reads the
    /// customer with the user's own identity: the platform's record access decides, not a copy of its rules.
    /// </summary>
    public static class CallerAccess
    {
        /// <summary>
        /// Refuses unless the caller can read the customer and its customer-value columns. A missing row and an unreadable
        /// one get the same answer, so the message tells the caller nothing they could not see anyway: no values, not even
        /// whether the row exists.
        /// </summary>
        public static void DemandRead(LocalPluginContext context, EntityReference customer)
        {
            CustomerRows.RequireCustomerTable(customer.LogicalName);
            var row = ReadAsCaller(context, customer);
            if (row == null)
            {
                context.Trace("User {0} may not read {1} {2}: refused.", context.Execution.InitiatingUserId, customer.LogicalName, customer.Id);
                throw new InvalidPluginExecutionException(
                    $"The {customer.LogicalName} {customer.Id} does not exist (deleted or never created) or you do not have read access to it. Ask its owner or your administrator for access.");
            }
            if (!row.Contains(Witness) && WasEvaluated(context.SystemService, customer))
            {
                // The platform returns a secured column without a value to a user outside every profile that reads it. The
                // answer is computed as SYSTEM, so without this check it would show the caller what the columns hide.
                context.Trace("User {0} may not read the value columns of {1} {2}: refused.",
                    context.Execution.InitiatingUserId, customer.LogicalName, customer.Id);
                throw new InvalidPluginExecutionException(
                    $"You may open this {customer.LogicalName} but not its customer value columns, which are column-secured. "
                    + $"Ask your administrator for the {CustomerColumnSecurity.ReaderProfile} field security profile.");
            }
        }

        /// <summary>A secured column every evaluation writes: readable by the caller exactly when the value columns are.</summary>
        private const string Witness = CustomerColumns.LastEvaluatedOn;

        /// <summary>
        /// The row as the caller reads it, or null. No call here is one that is expected to fail: a failed call inside a
        /// Custom API's transaction would doom it, however it is caught. The privilege is asked first (the platform refuses
        /// a query of a table the user may not read at all), then a query, not Retrieve, finds nothing where the caller's
        /// access does not reach.
        /// </summary>
        private static Entity ReadAsCaller(LocalPluginContext context, EntityReference customer)
        {
            var privilege = customer.LogicalName == Account.EntityLogicalName ? Account.ReadPrivilege : Contact.ReadPrivilege;
            var held = (RetrieveUserPrivilegeByPrivilegeNameResponse)context.SystemService.Execute(
                new RetrieveUserPrivilegeByPrivilegeNameRequest { UserId = context.Execution.InitiatingUserId, PrivilegeName = privilege });
            if (held.RolePrivileges == null || held.RolePrivileges.Length == 0) return null;
            var query = new QueryExpression(customer.LogicalName) { ColumnSet = new ColumnSet(Witness), TopCount = 1 };
            query.Criteria.AddCondition(Common.PrimaryIdOf(customer.LogicalName), ConditionOperator.Equal, customer.Id);
            return context.CallerService.RetrieveMultiple(query).Entities.FirstOrDefault();
        }

        /// <summary>Only asked when the caller saw no value: a customer never evaluated has nothing secured to disclose yet.</summary>
        private static bool WasEvaluated(IOrganizationService system, EntityReference customer) =>
            system.Retrieve(customer.LogicalName, customer.Id, new ColumnSet(Witness)).Contains(Witness);
    }
}
