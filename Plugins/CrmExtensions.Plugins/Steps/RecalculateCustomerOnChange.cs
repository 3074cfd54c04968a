using System.Linq;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Asynchronous PostOperation on every record that moves a customer's value or risk: orders and invoices
    /// (create, update, state change, delete), won opportunities and opportunities lost to a competitor (opportunityclose
    /// create), cases (create, update, resolution), survey responses, referral links on accounts/contacts, contacts'
    /// layer, function and account (coverage), competitor presences, customer losses, and a relationship type a user
    /// sets. Sets the record's contribution in each
    /// concerned customer's ledger from the event's images and recalculates from the ledger: a read and a write of the
    /// customer, plus the order's product families for an order whose lines may have changed.
    /// </summary>
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Account.EntityLogicalName,
        PostImage = StepColumns.Referral,
        Description = "Recalculate the referrer of a new customer (referral potential).")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Contact.EntityLogicalName,
        PostImage = StepColumns.ContactImage,
        Description = "Recalculate the referrer of a new customer and the coverage of the account the contact works at.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Account.EntityLogicalName,
        FilteringAttributes = StepColumns.AccountChange, PreImage = StepColumns.AccountImage, PostImage = StepColumns.AccountImage,
        Description = "Recalculate old and new referrer when the referral link changes, and the account when a user sets its relationship type.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Contact.EntityLogicalName,
        FilteringAttributes = StepColumns.ContactChange, PreImage = StepColumns.ContactImage, PostImage = StepColumns.ContactImage,
        Description = "Recalculate referrers, the coverage of the accounts the contact works at, and the contact when a user sets its relationship type.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Account.EntityLogicalName,
        PreImage = StepColumns.Referral,
        Description = "Recalculate the referrer of a deleted customer.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Contact.EntityLogicalName,
        PreImage = StepColumns.ContactImage,
        Description = "Recalculate the referrer of a deleted contact and the coverage of the account it worked at.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, PostImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer of a new order.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, FilteringAttributes = StepColumns.SalesOrderChange,
        PreImage = StepColumns.SalesOrderImage, PostImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer(s) of a changed order.")]
    [Step(MessageName.SetState, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName,
        PreImage = StepColumns.SalesOrderImage, PostImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer when an order changes state (legacy SetState).")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, PreImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer of a deleted order.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, PostImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer of a new invoice.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, FilteringAttributes = StepColumns.InvoiceChange,
        PreImage = StepColumns.InvoiceImage, PostImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer(s) of a changed invoice.")]
    [Step(MessageName.SetState, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName,
        PreImage = StepColumns.InvoiceImage, PostImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer when an invoice changes state (legacy SetState).")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, PreImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer of a deleted invoice.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, OpportunityClose.EntityLogicalName, PostImage = StepColumns.OpportunityCloseImage,
        Description = "Recalculate the customer of a won opportunity, or of one lost to a competitor (a competitor gaining ground).")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Incident.EntityLogicalName, PostImage = StepColumns.IncidentImage,
        Description = "Recalculate churn risk when a case is opened.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Incident.EntityLogicalName, FilteringAttributes = StepColumns.IncidentChange,
        PreImage = StepColumns.IncidentImage, PostImage = StepColumns.IncidentImage,
        Description = "Recalculate churn risk when a case changes state or type.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Incident.EntityLogicalName, PreImage = StepColumns.IncidentImage,
        Description = "Recalculate the customer of a deleted case.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, IncidentResolution.EntityLogicalName, PostImage = IncidentResolution.Incident,
        Description = "Recalculate churn risk when a case is resolved.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, CxSurveyResponse.EntityLogicalName, PostImage = StepColumns.SurveyImage,
        Description = "Recalculate loyalty and churn from a new survey answer.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, CxSurveyResponse.EntityLogicalName, FilteringAttributes = StepColumns.SurveyChange,
        PreImage = StepColumns.SurveyImage, PostImage = StepColumns.SurveyImage,
        Description = "Recalculate loyalty and churn from a corrected survey answer.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, CxSurveyResponse.EntityLogicalName, PreImage = StepColumns.SurveyImage,
        Description = "Recalculate the customer of a deleted survey response.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, CompetitorPresence.EntityLogicalName, PostImage = StepColumns.CompetitorPresenceImage,
        Description = "Recalculate churn risk when a competitor presence is recorded.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, CompetitorPresence.EntityLogicalName, FilteringAttributes = StepColumns.CompetitorPresenceChange,
        PreImage = StepColumns.CompetitorPresenceImage, PostImage = StepColumns.CompetitorPresenceImage,
        Description = "Recalculate churn risk when a competitor presence changes (e.g. the competitor gains ground).")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, CompetitorPresence.EntityLogicalName, PreImage = StepColumns.CompetitorPresenceImage,
        Description = "Recalculate the account of a deleted competitor presence.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, CustomerLoss.EntityLogicalName, PostImage = StepColumns.CustomerLossImage,
        Description = "Re-plan the customer's retention work when it is lost (win-back or planned exit).")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, CustomerLoss.EntityLogicalName, FilteringAttributes = StepColumns.CustomerLossChange,
        PreImage = StepColumns.CustomerLossImage, PostImage = StepColumns.CustomerLossImage,
        Description = "Re-plan the customer's retention work when a loss's cause or win-back outcome changes.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, CustomerLoss.EntityLogicalName, PreImage = StepColumns.CustomerLossImage,
        Description = "A deleted loss is not detected again; re-plan the customer.")]
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
            var changes = new LedgerChanges(context).ToList();
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
