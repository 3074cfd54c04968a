using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// A table whose rows each contribute one entry, under the row's id, to the ledger of the customer they name:
    /// complaints, survey answers, referrals, an account's contacts, competitor presences, losses. The full read and the
    /// event path both use it, so they agree on which rows count and what they contribute.
    /// </summary>
    public abstract class ContributionSource
    {
        public static readonly ComplaintSource Complaints = new ComplaintSource();
        public static readonly SurveySource Surveys = new SurveySource();
        public static readonly ReferralSource Referrals = new ReferralSource();
        public static readonly ContactCoverageSource Contacts = new ContactCoverageSource();
        public static readonly CompetitorPresenceSource Competitors = new CompetitorPresenceSource();
        public static readonly LossSource Losses = new LossSource();

        /// <summary>In the order the full read reads them.</summary>
        public static readonly IReadOnlyList<ContributionSource> All = new ContributionSource[] { Referrals, Complaints, Surveys, Contacts, Competitors, Losses };

        /// <summary>The tables whose rows contribute.</summary>
        public abstract IReadOnlyCollection<string> Tables { get; }

        /// <summary>The lookup naming the customer a row contributes to.</summary>
        public abstract string Customer { get; }

        /// <summary>The product's solution that brings this source's table and its steps; null: the core has it.</summary>
        public virtual string Solution => null;

        /// <summary>The columns that decide a row's contribution: an update that changes none of them changes nothing.</summary>
        public abstract IReadOnlyCollection<string> Columns { get; }

        /// <summary>The sources a table's rows contribute to (a contact is referred and works at an account).</summary>
        public static IEnumerable<ContributionSource> For(string table) => All.Where(s => s.Tables.Contains(table));

        /// <summary>
        /// Whether the event can have changed this source's contribution: a create or delete always can, an update only
        /// when its images differ in the source's columns (which the step's images must carry).
        /// </summary>
        public bool Touched(Entity before, Entity after) =>
            before == null || after == null || Columns.Any(c => !Equals(Comparable(before, c), Comparable(after, c)));

        private static object Comparable(Entity image, string column)
        {
            var value = image.Contains(column) ? image[column] : null;
            switch (value)
            {
                case EntityReference reference: return reference.Id;
                case OptionSetValue option: return option.Value;
                case Money money: return money.Value;
                default: return value;
            }
        }

        /// <summary>The full read: sets the contribution of every qualifying row of the page's customers.</summary>
        public abstract void ReadInto(IOrganizationService service, CustomerPage page);

        /// <summary>
        /// The event path: sets the record's contribution from its post-image while it counts for this customer, and
        /// withdraws it otherwise (deleted, moved to another customer, no longer qualifying). False when nothing changed.
        /// </summary>
        public abstract bool Apply(CustomerFactsLedger ledger, EntityReference customer, Guid recordId, Entity after, DateTime? changed);
    }

    /// <summary>A contribution source whose entries are of type <typeparamref name="T"/>.</summary>
    public abstract class ContributionSource<T> : ContributionSource where T : LedgerEntry, new()
    {
        public abstract LedgerEntries<T> EntriesOf(CustomerFactsLedger ledger);

        /// <summary>Whether a row (an image or a read row) contributes at all.</summary>
        public abstract bool Counts(Entity row);

        public abstract T EntryOf(Entity row);

        /// <summary>The full read's queries for a page: the rows that still count for the rules.</summary>
        protected abstract IEnumerable<QueryExpression> Queries(CustomerPage page);

        /// <summary>What the full read reads of a row: the contribution's columns, when it last changed, and any more it needs.</summary>
        protected ColumnSet ReadColumns(params string[] more) =>
            new ColumnSet(Columns.Concat(new[] { Common.ModifiedOn }).Concat(more).Distinct().ToArray());

        public override void ReadInto(IOrganizationService service, CustomerPage page)
        {
            foreach (var query in Queries(page))
                foreach (var row in PagedQuery.All(service, query))
                    if (page.ById.TryGetValue(row.GetAttributeValue<EntityReference>(Customer).Id, out var snapshot))
                        EntriesOf(snapshot.Ledger)[row.Id] = EntryOf(row);
        }

        public override bool Apply(CustomerFactsLedger ledger, EntityReference customer, Guid recordId, Entity after, DateTime? changed)
        {
            var entries = EntriesOf(ledger);
            if (after == null || !customer.Equals(after.GetAttributeValue<EntityReference>(Customer)) || !Counts(after))
                return entries.Withdraw(recordId, changed);
            var entry = EntryOf(after);
            entry.Changed = changed;
            return entries.Put(recordId, entry);
        }
    }
}
