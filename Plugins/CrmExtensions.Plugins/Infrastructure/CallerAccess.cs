using System.Linq;
using System.ServiceModel;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
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
            var row = ReadAsCaller(context.CallerService, customer);
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

        private static Entity ReadAsCaller(IOrganizationService caller, EntityReference customer)
        {
            // A query, not Retrieve: a row the user may not reach is simply not returned.
            var query = new QueryExpression(customer.LogicalName) { ColumnSet = new ColumnSet(Witness), TopCount = 1 };
            query.Criteria.AddCondition(Common.PrimaryIdOf(customer.LogicalName), ConditionOperator.Equal, customer.Id);
            try
            {
                return caller.RetrieveMultiple(query).Entities.FirstOrDefault();
            }
            catch (FaultException<OrganizationServiceFault>)
            {
                // No read privilege on the table at all: the platform refuses the query itself.
                return null;
            }
        }

        /// <summary>Only asked when the caller saw no value: a customer never evaluated has nothing secured to disclose yet.</summary>
        private static bool WasEvaluated(IOrganizationService system, EntityReference customer) =>
            system.Retrieve(customer.LogicalName, customer.Id, new ColumnSet(Witness)).Contains(Witness);
    }
}
