using System;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>One order or invoice line as the rules see it: when, how much, in which currency, what kind of product.</summary>
    public sealed class PurchaseLine
    {
        public PurchaseLine(DateTime orderedOn, decimal amount, string currency, string productFamily = null, decimal? margin = null, decimal discount = 0m)
        {
            OrderedOn = orderedOn;
            Amount = amount;
            Currency = currency;
            ProductFamily = productFamily;
            Margin = margin;
            Discount = discount;
        }

        public DateTime OrderedOn { get; }

        /// <summary>Net amount in <see cref="Currency"/>.</summary>
        public decimal Amount { get; }

        public string Currency { get; }
        public string ProductFamily { get; }

        /// <summary>Profit on the line when known (amount minus cost); otherwise the configured margin rate applies.</summary>
        public decimal? Margin { get; }

        /// <summary>Discount granted on the line (same currency); zero means bought at list price.</summary>
        public decimal Discount { get; }
    }

    public sealed class SurveyResponse
    {
        public SurveyResponse(DateTime answeredOn, decimal score)
        {
            AnsweredOn = answeredOn;
            Score = score;
        }

        public DateTime AnsweredOn { get; }
        public decimal Score { get; }
    }

    public sealed class Complaint
    {
        public Complaint(DateTime openedOn, bool isOpen)
        {
            OpenedOn = openedOn;
            IsOpen = isOpen;
        }

        public DateTime OpenedOn { get; }
        public bool IsOpen { get; }
    }
}
