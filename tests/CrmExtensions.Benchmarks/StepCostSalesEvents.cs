using System;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Benchmarks
{
    internal static partial class StepCost
    {
        /// <summary>The rows and events of the Sales process's later steps (lines, fulfilment) and of the product's own history and audit rows.</summary>
        private sealed partial class Scenario
        {
            private Guid _product;

            private EntityReference ProductRow() =>
                new EntityReference(Product.EntityLogicalName, _product != Guid.Empty ? _product
                    : (_product = Seeded(new Entity(Product.EntityLogicalName) { ["name"] = "Measured product", [Product.Family] = "hardware" }).Id));

            private Entity Line(Entity order) => new Entity(SalesOrderDetail.EntityLogicalName)
            {
                [SalesOrderDetail.SalesOrder] = order.ToEntityReference(), [SalesOrderDetail.Product] = ProductRow(),
            };

            private Entity Presence() => new Entity(CompetitorPresence.EntityLogicalName)
            {
                [CompetitorPresence.Account] = _account.ToEntityReference(),
                [CompetitorPresence.Name] = "Fabrikam",
                [CompetitorPresence.Trend] = new OptionSetValue(100000003),
                [CompetitorPresence.RecordedOn] = JobScale.AsOf.AddDays(-3),
            };

            /// <summary>The account closed as lost by a user: a competitor's better price.</summary>
            private Entity Loss() => new Entity(CustomerLoss.EntityLogicalName)
            {
                [CustomerLoss.Customer] = _account.ToEntityReference(),
                [CustomerLoss.Cause] = new OptionSetValue(100000005),
                [CustomerLoss.LostOn] = JobScale.AsOf.AddDays(-1),
            };

            private Action SalesProcessOrHistoryEventFor(StepRegistration step)
            {
                var table = step.PrimaryEntity;
                switch ((step.Message, table))
                {
                    case ("Create", "salesorderdetail"): return () => Service.Create(Line(Seeded(Order(JobScale.AsOf.AddDays(-4)))));
                    case ("Update", "salesorderdetail"):
                    {
                        var line = Seeded(Line(Seeded(Order(JobScale.AsOf.AddDays(-4)))));
                        var other = Seeded(new Entity(Product.EntityLogicalName) { ["name"] = "Other product", [Product.Family] = "software" }).ToEntityReference();
                        return () => Service.Update(new Entity(table, line.Id) { [SalesOrderDetail.Product] = _n++ % 2 == 0 ? other : ProductRow() });
                    }
                    case ("Delete", "salesorderdetail"): return () => Service.Delete(table, Seeded(Line(Seeded(Order(JobScale.AsOf.AddDays(-4))))).Id);
                    case ("Create", "orderclose"):
                        // An order of the measured customer fulfilled: the platform closes it with an orderclose.
                        return () => Service.Execute(new FulfillSalesOrderRequest
                        {
                            OrderClose = new Entity(table) { ["subject"] = "Shipped", [OrderClose.SalesOrder] = Seeded(Order(JobScale.AsOf.AddDays(-2))).ToEntityReference() },
                            Status = new OptionSetValue(-1),
                        });
                    case ("Create", "cx_tieroverrideaudit"): return () => Service.Create(Audit());
                    case ("Update", "cx_scorechange"):
                    case ("Update", "cx_tieroverrideaudit"):
                    {
                        // The product's own correction of a row: it carries the table's mark, as only the product can.
                        var row = Seeded(table == "cx_scorechange" ? History() : Audit());
                        return () => Service.Update(table == "cx_scorechange"
                            ? new Entity(table, row.Id) { [CustomerScoreChange.Name] = "Measured change " + _n++, [CustomerScoreChange.Trigger] = History()[CustomerScoreChange.Trigger] }
                            : new Entity(table, row.Id) { [TierOverrideAudit.Name] = "Tier override " + _n++, [TierOverrideAudit.OverrideBy] = Audit()[TierOverrideAudit.OverrideBy] });
                    }
                    case ("Delete", "cx_scorechange"): return () => Service.Delete(table, Seeded(History()).Id);
                    case ("Delete", "cx_tieroverrideaudit"): return () => Service.Delete(table, Seeded(Audit()).Id);
                    default:
                        throw new InvalidOperationException($"No benchmark event for {step.Name}; add one so every registered step is measured.");
                }
            }

            private Entity History() => new Entity(CustomerScoreChange.EntityLogicalName)
            {
                [CustomerScoreChange.Name] = "Measured change", [CustomerScoreChange.Customer] = _account.ToEntityReference(),
                [CustomerScoreChange.Trigger] = new OptionSetValue(Choice.ToOption(Domain.History.TriggerKind.Event)),
            };

            private Entity Audit() => new Entity(TierOverrideAudit.EntityLogicalName)
            {
                [TierOverrideAudit.Name] = "Tier override", [TierOverrideAudit.Customer] = _account.ToEntityReference(),
                [TierOverrideAudit.OverrideBy] = new EntityReference(SystemUser.EntityLogicalName, Host.SystemUserId),
            };
        }
    }
}
