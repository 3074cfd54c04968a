using System;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>A complaint of the customer as the rules see it: when it was opened, and whether it still is.</summary>
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
