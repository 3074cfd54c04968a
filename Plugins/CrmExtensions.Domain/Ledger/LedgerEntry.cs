using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// One source record's contribution to a customer's facts, kept under the record's id. Contributions are set and
    /// removed by id, never added up, so an event applied twice, or after a full read that already saw its record,
    /// changes nothing; <see cref="Changed"/> (the record's modifiedon) orders them so a late, stale event cannot undo
    /// a newer state. A removed contribution stays as a marker with the time it was removed.
    /// </summary>
    public abstract class LedgerEntry
    {
        public DateTime? Changed { get; set; }
        public bool Removed { get; set; }
    }

    public sealed class PurchaseEntry : LedgerEntry
    {
        /// <summary>Source table (salesorder or invoice): negative totals are reported per table.</summary>
        public string Table { get; set; }
        public DateTime Date { get; set; }
        public decimal Revenue { get; set; }
        public decimal Discount { get; set; }
        /// <summary>Product families on the order's lines (orders only).</summary>
        public List<string> Families { get; set; }
    }

    public sealed class ComplaintEntry : LedgerEntry
    {
        public DateTime OpenedOn { get; set; }
        public bool IsOpen { get; set; }
    }

    public sealed class SurveyEntry : LedgerEntry
    {
        public DateTime AnsweredOn { get; set; }
        public decimal Score { get; set; }
    }

    /// <summary>A customer this customer referred (the referred row's id is the key).</summary>
    public sealed class ReferralEntry : LedgerEntry
    {
    }

    /// <summary>A contact of an account (the contact's id is the key): its layer, function and our last activity with it.</summary>
    public sealed class ContactEntry : LedgerEntry
    {
        /// <summary>Null when not recorded, or recorded with an option this version does not know.</summary>
        public ContactLayer? Layer { get; set; }
        public ContactFunction? Function { get; set; }
        public DateTime? LastActivityOn { get; set; }
    }

    /// <summary>A competitor at the customer: a recorded presence or a lost opportunity (the record's id is the key).</summary>
    public sealed class CompetitorEntry : LedgerEntry
    {
        public string Competitor { get; set; }
        public CompetitorSignalKind Kind { get; set; }
        public DateTime On { get; set; }
        public CompetitorTrend? Trend { get; set; }
        public int? Satisfaction { get; set; }
        public CompetitorRelationship? Relationship { get; set; }
        public string Representative { get; set; }
        public string Products { get; set; }
    }

    /// <summary>A recorded loss of the customer (the loss record's id is the key); a removed one was dismissed by a user.</summary>
    public sealed class LossEntry : LedgerEntry
    {
        public DateTime LostOn { get; set; }
        public LossDetection Detection { get; set; }
        public LossCauseFamily? Family { get; set; }
        public LossCause? Cause { get; set; }
        public WinBackOutcome? Outcome { get; set; }
        public DateTime? RecoveredOn { get; set; }

        /// <summary>The tier the customer had when it last bought (what a win-back is decided by).</summary>
        public ValueTier? TierAtLoss { get; set; }
    }
}
