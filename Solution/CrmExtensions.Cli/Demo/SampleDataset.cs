using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Relationship;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>A problem in the sample files, located by file and line.</summary>
    public sealed class SampleDataException : Exception
    {
        public SampleDataException(string file, int line, string message) : base($"{file}({line}): {message}")
        {
            File = file;
            Line = line;
        }

        public string File { get; }
        public int Line { get; }
    }

    public sealed class SampleAccount { public Guid Id; public string Name; public Guid? ReferredBy; public Guid? ParentId; public RelationshipType? RelationshipType; }
    /// <summary>A currency the org uses besides its base currency: units of it per unit of the base currency, as Dataverse keeps the rate.</summary>
    public sealed class SampleCurrency { public string Code; public string Name; public string Symbol; public decimal ExchangeRate; }

    /// <summary>Amounts are in <see cref="Currency"/>, the base currency when null.</summary>
    public sealed class SampleOrder
    {
        public Guid Id; public Guid AccountId; public DateTime OrderedOn; public string Currency; public decimal Amount; public decimal Discount; public string ProductFamily;
    }
    public sealed class SampleInvoice { public Guid Id; public Guid AccountId; public DateTime CreatedOn; public string Currency; public decimal Amount; public decimal Discount; }
    public sealed class SampleCase { public Guid Id; public Guid AccountId; public DateTime CreatedOn; public bool IsComplaint; public bool IsOpen; public string Title; }
    public sealed class SampleSurvey { public Guid AccountId; public DateTime AnsweredOn; public decimal Score; }
    public sealed class SampleContact { public Guid Id; public Guid AccountId; public string Name; public ContactLayer? Layer; public ContactFunction? Function; }
    public sealed class SampleActivity { public Guid Id; public Guid ContactId; public string Kind; public DateTime EndedOn; }

    public sealed class SampleCompetitorPresence
    {
        public Guid AccountId; public string Competitor; public string Products; public int Satisfaction; public string Representative;
        public CompetitorRelationship Relationship; public CompetitorTrend Trend; public DateTime RecordedOn;
    }

    public sealed class SampleOpportunity { public Guid Id; public Guid AccountId; public DateTime ClosedOn; public bool Won; public string Competitor; }

    public sealed class SampleLoss
    {
        public Guid Id; public Guid AccountId; public DateTime LostOn; public LossDetection Detection; public LossCause? Cause; public LossCauseFamily? Family;
        public WinBackOutcome? WinBack; public string Details; public ValueTier? TierAtLoss; public LifecycleStage? StageAtLoss; public LifecyclePattern? PatternAtLoss;
    }

    /// <summary>
    /// The shipped sample: the org's currencies, accounts (with their parent account and a relationship type a user set), orders and invoices in those currencies,
    /// cases, surveys, contacts with their layer and function, our completed activities with them, competitor
    /// presences, closed opportunities and recorded losses, as CSV files with a header row. Every value is checked as it
    /// is read; unknown or missing columns, bad values (an unknown layer or loss cause among them) and dangling references
    /// name file and line.
    /// </summary>
    public sealed class SampleDataset
    {
        public List<SampleCurrency> Currencies { get; } = new List<SampleCurrency>();
        public List<SampleAccount> Accounts { get; } = new List<SampleAccount>();
        public List<SampleOrder> Orders { get; } = new List<SampleOrder>();
        public List<SampleInvoice> Invoices { get; } = new List<SampleInvoice>();
        public List<SampleCase> Cases { get; } = new List<SampleCase>();
        public List<SampleSurvey> Surveys { get; } = new List<SampleSurvey>();
        public List<SampleContact> Contacts { get; } = new List<SampleContact>();
        public List<SampleActivity> Activities { get; } = new List<SampleActivity>();
        public List<SampleCompetitorPresence> Competitors { get; } = new List<SampleCompetitorPresence>();
        public List<SampleOpportunity> Opportunities { get; } = new List<SampleOpportunity>();
        public List<SampleLoss> Losses { get; } = new List<SampleLoss>();

        /// <summary>The day of the newest dated row in any file: the demo evaluates as of the day after, so no row lies in its future.</summary>
        public DateTime Newest => Orders.Select(o => o.OrderedOn).Concat(Invoices.Select(i => i.CreatedOn)).Concat(Cases.Select(c => c.CreatedOn))
            .Concat(Surveys.Select(s => s.AnsweredOn)).Concat(Activities.Select(a => a.EndedOn)).Concat(Competitors.Select(c => c.RecordedOn))
            .Concat(Opportunities.Select(o => o.ClosedOn)).Concat(Losses.Select(l => l.LostOn)).DefaultIfEmpty(DateTime.MinValue).Max();

        public static SampleDataset Load(string directory)
        {
            var data = new SampleDataset();
            foreach (var row in Read(directory, "currencies.csv", "code", "name", "symbol", "exchange_rate"))
            {
                var currency = new SampleCurrency
                {
                    Code = row.Code("code"), Name = row.Text("name"), Symbol = row.Text("symbol"), ExchangeRate = row.Decimal("exchange_rate", 0.0001m, 100000m),
                };
                if (data.Currencies.Any(c => c.Code == currency.Code)) throw row.Bad("code", "appears twice");
                data.Currencies.Add(currency);
            }
            var currencies = new HashSet<string>(data.Currencies.Select(c => c.Code));
            // The line each account's record starts on, so a duplicate or a dangling reference names where to look.
            var lines = new Dictionary<Guid, int>();
            foreach (var row in Read(directory, "accounts.csv", "id", "name", "referred_by", "parent_id", "relationship_type"))
            {
                var account = new SampleAccount
                {
                    Id = row.Guid("id"), Name = row.Text("name"), ReferredBy = row.OptionalGuid("referred_by"), ParentId = row.OptionalGuid("parent_id"),
                    RelationshipType = row.Optional<RelationshipType>("relationship_type"),
                };
                if (lines.TryGetValue(account.Id, out var first)) throw row.Bad("id", $"appears twice (first on line {first})");
                lines.Add(account.Id, row.Line);
                data.Accounts.Add(account);
            }
            var ids = new HashSet<Guid>(lines.Keys);
            foreach (var row in Read(directory, "orders.csv", "id", "account_id", "ordered_on", "currency", "amount", "discount", "product_family"))
                data.Orders.Add(new SampleOrder
                {
                    Id = row.Guid("id"), AccountId = row.Account("account_id", ids), OrderedOn = row.Date("ordered_on"), Currency = row.Currency("currency", currencies),
                    Amount = row.Money("amount"), Discount = row.Money("discount"), ProductFamily = row.Text("product_family"),
                });
            foreach (var row in Read(directory, "invoices.csv", "id", "account_id", "created_on", "currency", "amount", "discount"))
                data.Invoices.Add(new SampleInvoice
                {
                    Id = row.Guid("id"), AccountId = row.Account("account_id", ids), CreatedOn = row.Date("created_on"), Currency = row.Currency("currency", currencies),
                    Amount = row.Money("amount"), Discount = row.Money("discount"),
                });
            foreach (var row in Read(directory, "cases.csv", "id", "account_id", "created_on", "type", "status", "title"))
                data.Cases.Add(new SampleCase { Id = row.Guid("id"), AccountId = row.Account("account_id", ids), CreatedOn = row.Date("created_on"),
                    IsComplaint = row.Choice("type", "complaint", "question") == "complaint", IsOpen = row.Choice("status", "open", "resolved") == "open", Title = row.Text("title") });
            foreach (var row in Read(directory, "surveys.csv", "account_id", "answered_on", "score"))
                data.Surveys.Add(new SampleSurvey { AccountId = row.Account("account_id", ids), AnsweredOn = row.Date("answered_on"), Score = row.Decimal("score", 0, 5) });
            foreach (var a in data.Accounts.Where(a => a.ReferredBy.HasValue && !ids.Contains(a.ReferredBy.Value)))
                throw new SampleDataException("accounts.csv", lines[a.Id], $"account {a.Id} is referred by {a.ReferredBy}, which is not in the file");
            foreach (var a in data.Accounts.Where(a => a.ParentId.HasValue && !ids.Contains(a.ParentId.Value)))
                throw new SampleDataException("accounts.csv", lines[a.Id], $"account {a.Id} has the parent account {a.ParentId}, which is not in the file");
            LoadRelationships(directory, data, ids);
            return data;
        }

        private static void LoadRelationships(string directory, SampleDataset data, HashSet<Guid> ids)
        {
            foreach (var row in Read(directory, "contacts.csv", "id", "account_id", "name", "layer", "function"))
                data.Contacts.Add(new SampleContact
                {
                    Id = row.Guid("id"), AccountId = row.Account("account_id", ids), Name = row.Text("name"),
                    Layer = row.Optional<ContactLayer>("layer"), Function = row.Optional<ContactFunction>("function"),
                });
            var contacts = new HashSet<Guid>(data.Contacts.Select(c => c.Id));
            foreach (var row in Read(directory, "activities.csv", "id", "contact_id", "kind", "ended_on"))
            {
                var contact = row.Guid("contact_id");
                if (!contacts.Contains(contact)) throw row.Bad("contact_id", "is not a contact in contacts.csv");
                data.Activities.Add(new SampleActivity { Id = row.Guid("id"), ContactId = contact, Kind = row.Choice("kind", "phonecall", "appointment", "email"), EndedOn = row.Date("ended_on") });
            }
            foreach (var row in Read(directory, "competitors.csv", "account_id", "competitor", "products", "satisfaction", "representative", "relationship", "trend", "recorded_on"))
                data.Competitors.Add(new SampleCompetitorPresence
                {
                    AccountId = row.Account("account_id", ids), Competitor = row.Text("competitor"), Products = row.Text("products"), Satisfaction = (int)row.Decimal("satisfaction", 1, 5),
                    Representative = row.Text("representative"), Relationship = row.Required<CompetitorRelationship>("relationship"),
                    Trend = row.Required<CompetitorTrend>("trend", "losing", "holding", "gaining"), RecordedOn = row.Date("recorded_on"),
                });
            foreach (var row in Read(directory, "opportunities.csv", "id", "account_id", "closed_on", "outcome", "competitor"))
                data.Opportunities.Add(new SampleOpportunity
                {
                    Id = row.Guid("id"), AccountId = row.Account("account_id", ids), ClosedOn = row.Date("closed_on"), Won = row.Choice("outcome", "won", "lost") == "won",
                    Competitor = row.Text("competitor").Length == 0 ? null : row.Text("competitor"),
                });
            foreach (var row in Read(directory, "losses.csv", "id", "account_id", "lost_on", "recorded_by", "cause", "family", "winback", "details", "tier_at_loss", "stage_at_loss",
                "pattern_at_loss"))
                data.Losses.Add(new SampleLoss
                {
                    Id = row.Guid("id"), AccountId = row.Account("account_id", ids), LostOn = row.Date("lost_on"),
                    Detection = row.Choice("recorded_by", "rules", "user") == "rules" ? LossDetection.NoPurchase : LossDetection.ClosedByUser,
                    Cause = row.Optional<LossCause>("cause"), Family = row.Optional<LossCauseFamily>("family"), WinBack = row.Optional<WinBackOutcome>("winback"),
                    Details = row.Text("details"), TierAtLoss = row.Optional<ValueTier>("tier_at_loss"), StageAtLoss = row.Optional<LifecycleStage>("stage_at_loss"),
                    PatternAtLoss = row.Optional<LifecyclePattern>("pattern_at_loss"),
                });
        }

        private static IEnumerable<Row> Read(string directory, string file, params string[] columns)
        {
            var path = Path.Combine(directory, file);
            if (!System.IO.File.Exists(path)) throw new SampleDataException(file, 0, $"file not found in {directory}");
            using (var reader = new StreamReader(path))
            {
                using (var records = CsvRecords.Read(reader, file).GetEnumerator())
                {
                    var header = (records.MoveNext() ? records.Current.Fields : new string[0]).Select(h => h.Trim()).ToArray();
                    var unknown = header.FirstOrDefault(h => !columns.Contains(h));
                    if (unknown != null) throw new SampleDataException(file, 1, $"unknown column '{unknown}' (expected {string.Join(", ", columns)})");
                    var missing = columns.FirstOrDefault(c => !header.Contains(c));
                    if (missing != null) throw new SampleDataException(file, 1, $"missing column '{missing}'");
                    while (records.MoveNext())
                    {
                        var (line, values) = records.Current;
                        if (values.Length != header.Length) throw new SampleDataException(file, line, $"expected {header.Length} values but found {values.Length}");
                        yield return new Row(file, line, header, values);
                    }
                }
            }
        }

        private sealed class Row
        {
            private readonly string _file;
            private readonly int _line;
            private readonly Dictionary<string, string> _values;

            public Row(string file, int line, string[] header, string[] values)
            {
                _file = file;
                _line = line;
                _values = header.Zip(values, (h, v) => (h, v.Trim())).ToDictionary(p => p.h, p => p.Item2);
            }

            /// <summary>The line the record starts on.</summary>
            public int Line => _line;

            public SampleDataException Bad(string column, string what) => new SampleDataException(_file, _line, $"{column} '{_values[column]}' {what}");

            public string Text(string column) => _values[column].Length <= 200 ? _values[column] : throw Bad(column, "is longer than 200 characters");
            public Guid Guid(string column) => System.Guid.TryParse(_values[column], out var g) ? g : throw Bad(column, "is not an id (GUID)");
            public Guid? OptionalGuid(string column) => _values[column].Length == 0 ? (Guid?)null : Guid(column);
            /// <summary>A three-letter ISO code.</summary>
            public string Code(string column) =>
                _values[column].Length == 3 && _values[column].All(c => c >= 'A' && c <= 'Z') ? _values[column] : throw Bad(column, "is not a three-letter ISO currency code");

            /// <summary>One of the org's currencies from currencies.csv; empty is the base currency.</summary>
            public string Currency(string column, HashSet<string> known) =>
                _values[column].Length == 0 ? null : known.Contains(_values[column]) ? _values[column] : throw Bad(column, "is not a currency in currencies.csv");

            public Guid Account(string column, HashSet<Guid> known) => known.Contains(Guid(column)) ? Guid(column) : throw Bad(column, "is not an account in accounts.csv");

            public DateTime Date(string column) =>
                DateTime.TryParseExact(_values[column], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
                    ? d : throw Bad(column, "is not a date (yyyy-MM-dd)");

            public decimal Money(string column) => Decimal(column, 0, 100_000_000);

            public decimal Decimal(string column, decimal min, decimal max)
            {
                if (!decimal.TryParse(_values[column], NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) throw Bad(column, "is not a number");
                if (value < min || value > max) throw Bad(column, $"is outside {min}–{max}");
                return value;
            }

            public string Choice(string column, params string[] allowed) =>
                allowed.Contains(_values[column]) ? _values[column] : throw Bad(column, $"must be one of {string.Join(", ", allowed)}");

            /// <summary>A domain value written in snake case ("user_department", "competitor_price"); empty is none.</summary>
            public TEnum? Optional<TEnum>(string column) where TEnum : struct => _values[column].Length == 0 ? (TEnum?)null : Required<TEnum>(column);

            /// <summary>A domain value in snake case, or one of the <paramref name="prefixes"/> of its members' names in their order.</summary>
            public TEnum Required<TEnum>(string column, params string[] prefixes) where TEnum : struct
            {
                var names = Enum.GetNames(typeof(TEnum));
                var written = names.Select(n => string.Concat(n.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()))).ToList();
                var allowed = prefixes.Length > 0 ? prefixes.ToList() : written;
                var index = allowed.IndexOf(_values[column]);
                if (index < 0) throw Bad(column, $"must be one of {string.Join(", ", allowed)}");
                return (TEnum)Enum.Parse(typeof(TEnum), names[index]);
            }
        }
    }
}
