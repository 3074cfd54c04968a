using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// A source of a customer's facts, declared once: the table whose rows contribute, the lookup naming the customer,
    /// the columns that decide a row's contribution and the ledger slot it goes to. <see cref="FactSources"/> lists them;
    /// the step registrations (<see cref="Watches"/>), the event path (<see cref="Changes"/>) and the full read
    /// (<see cref="ReadInto"/>) all come from that list, so they cannot disagree on a source's columns.
    /// </summary>
    public abstract class FactSource
    {
        /// <summary>The messages a source's step runs on: any create, update of its columns, or delete can change a contribution.</summary>
        protected static readonly string[] RowMessages = { MessageName.Create, MessageName.Update, MessageName.Delete };

        /// <summary>The tables whose rows contribute.</summary>
        public abstract IReadOnlyCollection<string> Tables { get; }

        /// <summary>The lookup naming the customer a row contributes to.</summary>
        public abstract string Customer { get; }

        /// <summary>
        /// The columns that decide a row's contribution: its step filters on them and its images carry them (and modifiedon,
        /// which orders contributions). An update that changes none of them changes nothing.
        /// </summary>
        public abstract IReadOnlyCollection<string> Columns { get; }

        /// <summary>The product's solution that brings this source's table and its steps; null: the core has it.</summary>
        public virtual string Solution => null;

        /// <summary>The ledger slot the rows go to; null for purchases, which the ledger keeps apart (window and totals).</summary>
        public abstract LedgerSlot Slot { get; }

        /// <summary>What the source contributes, in words, for the step's description.</summary>
        public abstract string Describes { get; }

        /// <summary>The messages its steps run on.</summary>
        protected virtual IReadOnlyCollection<string> Messages => RowMessages;

        /// <summary>The tables, columns and messages its steps are registered on.</summary>
        public virtual IEnumerable<SourceTable> Watches => Tables.Select(t => new SourceTable(t, Columns, Messages));

        /// <summary>The full read: sets the contribution of every qualifying row of the page's customers.</summary>
        public abstract void ReadInto(IOrganizationService service, CustomerPage page);

        /// <summary>The event path: what an event on one of the source's tables changes, customer by customer.</summary>
        public abstract IEnumerable<LedgerChange> Changes(LedgerEvent e);
    }

    /// <summary>A table a source's step is registered on: the columns it filters on and takes images of, and the messages.</summary>
    public sealed class SourceTable
    {
        public SourceTable(string table, IReadOnlyCollection<string> columns, IReadOnlyCollection<string> messages)
        {
            Table = table;
            Columns = columns;
            Messages = messages;
        }

        public string Table { get; }
        public IReadOnlyCollection<string> Columns { get; }
        public IReadOnlyCollection<string> Messages { get; }
    }
}
