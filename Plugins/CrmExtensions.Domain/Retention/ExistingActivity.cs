using System;

namespace CrmExtensions.Domain.Retention
{
    public enum ActivityState
    {
        Open,
        Completed,
        Cancelled,
    }

    /// <summary>A retention activity as a full read finds it: open, completed or cancelled, by the product or by a user.</summary>
    public sealed class ExistingActivity
    {
        public Guid Id { get; set; }
        public string Key { get; set; }

        /// <summary>Null when the stored choice is not one this version knows.</summary>
        public RetentionActionKind? Kind { get; set; }

        public ActivityChannel Channel { get; set; }
        public ActivityState State { get; set; }
        public string Subject { get; set; }
        public DateTime? DueOn { get; set; }
        public DateTime? CompletedOn { get; set; }
        public string Description { get; set; }
        public string OwnerTable { get; set; }
        public Guid? OwnerId { get; set; }
    }
}
