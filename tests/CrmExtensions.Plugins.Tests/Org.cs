using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using CrmExtensions.Plugins.Steps;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// An in-memory organisation with the product's registrations loaded from Solution/src and Solution/src-service, as an
    /// admin would import them: by default a Sales and Customer Service org with both solutions; without Customer Service,
    /// a Sales-only org with the core alone.
    /// </summary>
    public sealed class Org
    {
        public static readonly DateTime Now = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

        public Org(bool customerService = true)
        {
            Host = new InMemoryDataverse(Now, customerService ? null : new[] { PlatformApps.Sales, PlatformApps.ProductManagement });
            Host.LoadSolution(SolutionSource, typeof(EnforceTierChange).Assembly);
            if (customerService) Host.LoadSolution(SolutionSource + ProductSolutions.ServiceFolderSuffix, typeof(EnforceTierChange).Assembly);
            Host.DefineRole(Salesperson, SalespersonPrivileges());
            Manager = Host.AddUser("Customer Value Manager", Host.BusinessUnitId, Salesperson, ProductRoles.Manager);
            Clerk = Host.AddUser("Sales clerk", Host.BusinessUnitId, Salesperson);
            Host.AddToFieldSecurityProfile(Manager, CustomerColumnSecurity.ManagerProfile);
            Host.AddToFieldSecurityProfile(Clerk, CustomerColumnSecurity.ReaderProfile);
        }

        /// <summary>A platform role (the solution does not ship it) giving the sales tables as the tests need them.</summary>
        public const string Salesperson = "Salesperson";

        /// <summary>Every sales table readable org-wide, written in the user's business unit, created and deleted as one's own.</summary>
        public static Dictionary<string, AccessDepth> SalespersonPrivileges()
        {
            var privileges = new Dictionary<string, AccessDepth>();
            foreach (var table in new[] { "Account", "Contact", "SalesOrder", "Invoice", "Incident", "Opportunity", "Activity" })
            {
                privileges["prvRead" + table] = AccessDepth.Global;
                privileges["prvWrite" + table] = AccessDepth.Local;
                privileges["prvCreate" + table] = AccessDepth.Basic;
                privileges["prvDelete" + table] = AccessDepth.Basic;
            }
            return privileges;
        }

        public static string SolutionSource
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln"))) return Path.Combine(dir.FullName, "Solution", "src");
                }
                throw new DirectoryNotFoundException("CrmExtensions.sln not found above the test output folder.");
            }
        }

        public InMemoryDataverse Host { get; }
        public Guid Manager { get; }
        public Guid Clerk { get; }
        public IOrganizationService Admin => Host.GetService();
        public IOrganizationService As(Guid user) => Host.GetService(user);

        public Entity Account(string name = "Contoso")
        {
            var account = new Entity(Model.Account.EntityLogicalName) { [Model.Account.Name] = name };
            Host.Seed(account);
            return account;
        }

        /// <summary>Status reasons of the Sales tables the tests set, as the platform defines them: a fulfilled order Complete; an invoice Paid (state 2) Complete, or Canceled.</summary>
        public const int OrderComplete = 100001, InvoiceStatePaid = 2, InvoiceComplete = 100001, InvoiceCanceled = 100003;

        /// <summary>Monthly orders of <paramref name="amount"/> for the last <paramref name="months"/> months, fulfilled, seeded without events.</summary>
        public void OrderHistory(Entity customer, decimal amount, int months, int skipRecentMonths = 0)
        {
            for (var m = skipRecentMonths; m < months; m++) Host.Seed(Order(customer, amount, Now.AddMonths(-m).AddDays(-3)));
        }

        /// <summary>
        /// An order of the org's history, for seeding: placed on <paramref name="placedOn"/> (its creation date, which a
        /// migration keeps as overriddencreatedon; no submit date, which users rarely type and the platform never sets),
        /// priced, and fulfilled, as FulfillSalesOrder leaves it. The platform computes its *_base totals.
        /// </summary>
        public static Entity Order(Entity customer, decimal amount, DateTime placedOn)
        {
            var order = NewOrder(customer, amount, placedOn);
            order[SalesOrder.StateCode] = new OptionSetValue(SalesOrder.StateFulfilled);
            order["statuscode"] = new OptionSetValue(OrderComplete);
            return order;
        }

        /// <summary>An order as a client writes it before anyone acts on it: active, priced, created on <paramref name="placedOn"/>.</summary>
        private static Entity NewOrder(Entity customer, decimal amount, DateTime placedOn) =>
            new Entity(SalesOrder.EntityLogicalName)
            {
                [SalesOrder.Customer] = customer.ToEntityReference(),
                [SalesOrder.TotalAmount] = new Money(amount),
                [SalesOrder.TotalDiscountAmount] = new Money(0m),
                [Common.OverriddenCreatedOn] = placedOn,
                ["name"] = $"Order {amount} {placedOn:yyyy-MM-dd}",
            };

        /// <summary>
        /// Places an order the way a client does: the header first (the platform refuses totals on create, it calculates
        /// them), then its totals; two events, as the Sales app's pricing raises them. An order placed in the past came
        /// through an integration, which keeps the date it was placed on as overriddencreatedon.
        /// </summary>
        public static Guid PlaceOrder(IOrganizationService service, Entity customer, decimal amount, DateTime placedOn, string name = null)
        {
            var order = NewOrder(customer, amount, placedOn);
            if (placedOn == Now) order.Attributes.Remove(Common.OverriddenCreatedOn);
            if (name != null) order["name"] = name;
            var id = service.Create(Header(order, SalesOrder.TotalAmount, SalesOrder.TotalDiscountAmount));
            service.Update(Totals(order, id, SalesOrder.TotalAmount, SalesOrder.TotalDiscountAmount));
            return id;
        }

        /// <summary>A case of type complaint, open, for the customer.</summary>
        public static Entity Complaint(Entity customer, string title) =>
            new Entity(Incident.EntityLogicalName)
            {
                ["title"] = title,
                [Incident.Customer] = customer.ToEntityReference(),
                [Incident.CaseTypeCode] = new OptionSetValue(Incident.CaseTypeComplaint),
            };

        /// <summary>A survey answer of the customer, given yesterday.</summary>
        public static Entity Survey(Entity customer, decimal score) =>
            new Entity(CxSurveyResponse.EntityLogicalName)
            {
                [CxSurveyResponse.Customer] = customer.ToEntityReference(),
                [CxSurveyResponse.Score] = score,
                [CxSurveyResponse.AnsweredOn] = Now.AddDays(-1),
            };

        /// <summary>An invoice of <paramref name="amount"/> raised on its own (not from an order), migrated with its creation date, for seeding.</summary>
        public static Entity Invoice(Entity customer, decimal amount, DateTime created) =>
            new Entity(Model.Invoice.EntityLogicalName)
            {
                [Model.Invoice.Customer] = customer.ToEntityReference(),
                [Model.Invoice.TotalAmount] = new Money(amount),
                [Common.OverriddenCreatedOn] = created,
                ["name"] = $"Invoice {amount} {created:yyyy-MM-dd}",
            };

        /// <summary>Raises an invoice the way a client does: the header (its creation date migrated), then its total.</summary>
        public static Guid RaiseInvoice(IOrganizationService service, Entity customer, decimal amount, DateTime created)
        {
            var invoice = Invoice(customer, amount, created);
            var id = service.Create(Header(invoice, Model.Invoice.TotalAmount));
            service.Update(Totals(invoice, id, Model.Invoice.TotalAmount));
            return id;
        }

        private static Entity Header(Entity row, params string[] totals)
        {
            var header = new Entity(row.LogicalName);
            foreach (var column in row.Attributes.Where(a => !totals.Contains(a.Key))) header[column.Key] = column.Value;
            return header;
        }

        private static Entity Totals(Entity row, Guid id, params string[] totals)
        {
            var update = new Entity(row.LogicalName, id);
            foreach (var column in totals) update[column] = row[column];
            return update;
        }

        /// <summary>Runs cx_RecalculateCustomer on the customer (a full read) as the administrator.</summary>
        public void Recalculate(Entity customer) =>
            Admin.Execute(new RecalculateCustomerRequest { Target = customer.ToEntityReference() });

        /// <summary>Starts a recalculation job as the administrator and lets the async service run it; returns the job row.</summary>
        public Entity RunJob(StartRecalculationRequest request)
        {
            var id = Admin.Execute(request).JobId;
            Host.ProcessAsyncQueue();
            return Admin.Retrieve(RecalculationJob.EntityLogicalName, id, new ColumnSet(true));
        }

        public Entity Reload(Entity row) => Admin.Retrieve(row.LogicalName, row.Id, new ColumnSet(true));

        /// <summary>The async jobs of the steps that evaluate customers (the score history's clean-up queues jobs of its own).</summary>
        public IEnumerable<AsyncJob> EvaluationJobs =>
            Host.AsyncJobs.Where(j => j.Step.Name.Contains(nameof(RecalculateCustomerOnChange)) || j.Step.Name.Contains(nameof(TrackRetentionActivity)));

        /// <summary>The customer's evaluated columns as one comparable line ("column=value; …").</summary>
        public string Assessment(Entity customer, params string[] columns)
        {
            var row = Reload(customer);
            return string.Join("; ", columns.Select(c => c + "=" + (row.GetAttributeValue<object>(c) is Money m ? m.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
                : row.GetAttributeValue<object>(c) is OptionSetValue o ? o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Convert.ToString(row.GetAttributeValue<object>(c), System.Globalization.CultureInfo.InvariantCulture))));
        }

        public int? Tier(Entity customer) => Reload(customer).GetAttributeValue<OptionSetValue>(CustomerColumns.Tier)?.Value;

        public Entity[] OpenRetention(Entity customer) =>
            new[] { RetentionActivity.Task, RetentionActivity.PhoneCall }
                .SelectMany(t => Host.Store.Rows(t))
                .Where(a => a.GetAttributeValue<EntityReference>(RetentionActivity.Regarding)?.Id == customer.Id
                    && a.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value == RetentionActivity.StateOpen)
                .ToArray();

        public static int Option<T>(T value) where T : struct => Choice.ToOption(value);
    }
}
