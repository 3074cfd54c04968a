using System.Linq;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Asynchronous PostOperation on every record that moves a customer's value or risk: orders and invoices
    /// (create, update, state change, delete), won opportunities and opportunities lost to a competitor (opportunityclose
    /// create), cases (create, update, resolution), survey responses, referral links on accounts/contacts, contacts'
    /// layer, function and account (coverage), competitor presences, customer losses, and a relationship type a user
    /// sets. Sets the record's contribution in each
    /// concerned customer's ledger from the event's images and recalculates from the ledger: a read and a write of the
    /// customer, plus the order's product families for an order whose lines may have changed. Its steps are the fact
    /// sources' (<see cref="FactSourceSteps"/>).
    /// </summary>
    public sealed class RecalculateCustomerOnChange : PluginBase
    {
        public RecalculateCustomerOnChange(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            // Only our own re-entry stops here: an event raised by a recalculation's own write of the customer (it carries the
            // evaluation mark only SYSTEM may write). A record another automation writes, even one reacting to our write,
            // and any chain however deep is a fact for the ledger; the platform's loop guard (depth 8 within an hour) stays
            // the backstop for a real loop.
            if (context.Target?.Contains(CustomerColumnSecurity.EvaluationMark) == true)
            {
                context.Trace("Raised by a recalculation's own writes (depth {0}): already counted.", execution.Depth);
                return;
            }
            var changes = new LedgerChanges(context, () => Settings(context)).ToList();
            if (changes.Count == 0)
            {
                context.Trace("No customer on the {0}: nothing to recalculate.", execution.PrimaryEntityName);
                return;
            }
            var recalculation = Recalculation(context, TriggerKind.Event);
            foreach (var change in changes)
            {
                var result = recalculation.ApplyEvent(change, execution.OperationCreatedOn);
                context.Trace("{0} {1}: {2} (retention: {3} to create, {4} to move, {5} to cancel).", change.Customer.LogicalName, change.Customer.Id,
                    result.Customers == 0 ? "nothing to recalculate (already up to date, or the customer no longer exists)" : "recalculated", result.ActivitiesCreated, result.ActivitiesUpdated,
                        result.ActivitiesCancelled);
            }
        }
    }
}
