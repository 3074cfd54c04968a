using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// What an event on an order, its close or lines, or an invoice changes: the purchase set or withdrawn by id in each
    /// customer's ledger it concerns, or a full read when the purchase is older than the ledger's cut. An invoice on its
    /// own is its own purchase; one raised from an order sets that order's purchase (read: 1 call, and 1 more where only an
    /// invoice makes the order count), as do an order's close and its lines (whose families are read again).
    /// </summary>
    internal sealed class PurchaseChanges : IEnumerable<LedgerChange>
    {
        private static readonly PurchaseSource Orders = PurchaseSource.Orders;

        private readonly PurchaseSource _source;
        private readonly LedgerEvent _event;

        // The order's lines are read at most once per event, however often a conflict makes it apply again.
        private List<string> _families;

        public PurchaseChanges(PurchaseSource source, LedgerEvent e)
        {
            _source = source;
            _event = e;
        }

        public IEnumerator<LedgerChange> GetEnumerator()
        {
            var e = _event;
            if (e.Table == OrderClose.EntityLogicalName) return OrderRead(e.After?.GetAttributeValue<EntityReference>(OrderClose.SalesOrder), null, false).GetEnumerator();
            if (e.Table == SalesOrderDetail.EntityLogicalName) return LinesChanged().GetEnumerator();
            if (e.Table == Invoice.EntityLogicalName) return Invoiced().GetEnumerator();
            return OrderChanged().GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private static bool Priced(Entity row) => row?.GetAttributeValue<Money>(Orders.Amount) != null;

        /// <summary>An order's own event: its images say all; a header without totals (either side) costs nothing.</summary>
        private IEnumerable<LedgerChange> OrderChanged()
        {
            var e = _event;
            if (!Priced(e.Before) && !Priced(e.After)) yield break;
            foreach (var customer in e.Customers(Orders.Customer))
                yield return Order(customer, e.RecordId, e.After, e.Before, null, e.ChangedOn, refreshFamilies: e.Message == MessageName.Create);
        }

        /// <summary>A line added, changed or removed: the orders it belongs to (before and after) are set again with their lines' families.</summary>
        private IEnumerable<LedgerChange> LinesChanged()
        {
            var e = _event;
            var orders = new[] { e.Before, e.After }.Where(i => i != null).Select(i => i.GetAttributeValue<EntityReference>(SalesOrderDetail.SalesOrder))
                .Where(o => o != null).Distinct();
            return orders.SelectMany(o => OrderRead(o, null, true));
        }

        /// <summary>An invoice on its own (before or after) is its own purchase; one raised from an order sets that order's purchase.</summary>
        private IEnumerable<LedgerChange> Invoiced()
        {
            var e = _event;
            foreach (var customer in e.Customers(_source.Customer))
            {
                var c = customer;
                var definition = e.Purchases;
                if (_source.Counts(e.Before, c, definition) || _source.Counts(e.After, c, definition))
                    yield return new LedgerChange(c, snapshot => InvoiceOnItsOwn(snapshot.Ledger, c, definition));
            }
            var live = _source.IsLive(e.After);
            var afterOrder = e.After?.GetAttributeValue<EntityReference>(_source.FromOrderColumn);
            foreach (var order in new[] { e.Before?.GetAttributeValue<EntityReference>(_source.FromOrderColumn), afterOrder }.Where(o => o != null).Distinct())
                foreach (var change in OrderRead(order, (live && order.Equals(afterOrder)) || OtherLiveInvoice(order), false)) yield return change;
        }

        /// <summary>
        /// Whether the order has another live invoice than this event's (1 call): an order invoiced twice still counts through
        /// the other when one is cancelled or moved. Asked only where orders count from a later stage than active, the only
        /// setting in which an invoice can make an order count.
        /// </summary>
        private bool OtherLiveInvoice(EntityReference order)
        {
            if (!_event.Purchases.InvoiceOnlyStages.Any()) return false;
            var query = new QueryExpression(Invoice.EntityLogicalName) { ColumnSet = new ColumnSet(Invoice.PrimaryId), TopCount = 1 };
            query.Criteria.AddCondition(_source.FromOrderColumn, ConditionOperator.Equal, order.Id);
            query.Criteria.AddCondition(Invoice.PrimaryId, ConditionOperator.NotEqual, _event.RecordId);
            _source.LiveOnly(query.Criteria);
            return _event.Service.RetrieveMultiple(query).Entities.Count > 0;
        }

        private LedgerOutcome InvoiceOnItsOwn(CustomerFactsLedger ledger, EntityReference customer, PurchaseDefinition definition)
        {
            var e = _event;
            foreach (var image in new[] { e.Before, e.After })
                if (_source.Counts(image, customer, definition) && !ledger.HoldsPurchasesOn(_source.DateOf(image, definition).Value)) return LedgerOutcome.NeedsFullRead;
            if (!_source.Counts(e.After, customer, definition)) return LedgerChange.Outcome(ledger.Purchases.Withdraw(e.RecordId, e.ChangedOn));
            var entry = _source.ToEntry(e.After, definition, null);
            entry.Changed = e.ChangedOn;
            return LedgerChange.Outcome(ledger.Purchases.Put(e.RecordId, entry));
        }

        /// <summary>The order as it is now (1 call), for an event on a row that names it.</summary>
        private IEnumerable<LedgerChange> OrderRead(EntityReference order, bool? invoiced, bool refreshFamilies)
        {
            if (order == null) yield break;
            var columns = Orders.Columns.Concat(new[] { Common.ModifiedOn }).ToArray();
            var rows = _event.Service.RetrieveMultiple(new QueryExpression(SalesOrder.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(columns),
                Criteria = { Conditions = { new ConditionExpression(SalesOrder.PrimaryId, ConditionOperator.Equal, order.Id) } },
            }).Entities;
            // A deleted order withdraws its own purchase by its own event.
            if (rows.Count == 0) yield break;
            var row = rows[0];
            var customer = row.GetAttributeValue<EntityReference>(Orders.Customer);
            if (!LedgerEvent.IsCustomer(customer)) yield break;
            var changed = new[] { row.GetAttributeValue<DateTime?>(Common.ModifiedOn), _event.ChangedOn }.Max();
            yield return Order(customer, order.Id, row, null, invoiced, changed, refreshFamilies);
        }

        /// <param name="customer">Whose ledger holds the order's purchase.</param>
        /// <param name="orderId">The order: the purchase's id, whichever row raised the event.</param>
        /// <param name="after">The order as it stands after the event.</param>
        /// <param name="before">The order before the event, where the event has a pre-image.</param>
        /// <param name="invoiced">Whether a live invoice raised from the order is known (an invoice's event); null: not known (the order's own events).</param>
        /// <param name="changed">When the order reached the state <paramref name="after"/> shows.</param>
        /// <param name="refreshFamilies">Whether the order's lines may have changed, so its product families are read again.</param>
        private LedgerChange Order(EntityReference customer, Guid orderId, Entity after, Entity before, bool? invoiced, DateTime? changed, bool refreshFamilies) =>
            new LedgerChange(customer, snapshot =>
            {
                var definition = _event.Purchases;
                var ledger = snapshot.Ledger;
                var known = ledger.Purchases.TryGetValue(orderId, out var k) && !k.Removed ? k : null;
                var standing = Standing(after, customer, definition, invoiced, known);
                if (Orders.Counts(before, customer, definition) && !ledger.HoldsPurchasesOn(Orders.DateOf(before, definition).Value)) return LedgerOutcome.NeedsFullRead;
                if (standing == OrderStanding.None)
                    return known != null || Orders.Counts(before, customer, definition) ? LedgerChange.Outcome(ledger.Purchases.Withdraw(orderId, changed)) : LedgerOutcome.Unchanged;
                var entry = Orders.ToEntry(after, definition, null);
                if (!ledger.HoldsPurchasesOn(entry.Date)) return LedgerOutcome.NeedsFullRead;
                // Counted through its invoice, the order is marked so: its own later events keep it while it is not cancelled.
                if (standing == OrderStanding.ByInvoice) entry.Table = Model.Invoice.EntityLogicalName;
                entry.Changed = changed;
                var linesUnchanged = !refreshFamilies && known?.Families != null && known.Revenue == entry.Revenue && known.Discount == entry.Discount;
                entry.Families = linesUnchanged ? known.Families : _families ?? (_families = ProductFamilies.Of(_event.Service, orderId));
                return LedgerChange.Outcome(ledger.Purchases.Put(orderId, entry));
            });

        /// <summary>The definition's standing of the order, priced and dated; an order its invoice made count stays counted until cancelled.</summary>
        private static OrderStanding Standing(Entity order, EntityReference customer, PurchaseDefinition definition, bool? invoiced, PurchaseEntry known)
        {
            if (order == null || !customer.Equals(order.GetAttributeValue<EntityReference>(Orders.Customer)) || !Priced(order) || !Orders.DateOf(order, definition).HasValue)
                return OrderStanding.None;
            var stage = SalesOrder.StageOf(order.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value);
            var byInvoice = invoiced ?? known?.Table == Model.Invoice.EntityLogicalName;
            return definition.Standing(stage, byInvoice);
        }
    }
}
