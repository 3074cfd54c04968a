using System;

namespace CrmExtensions.Domain.History
{
    /// <summary>What made a customer's scores change.</summary>
    public enum TriggerKind
    {
        /// <summary>A record that moves value or risk changed: an order, invoice, case, survey, referral, retention activity.</summary>
        Event = 1,

        /// <summary>Someone asked for this customer to be recalculated ("Recalculate value", a workflow).</summary>
        Recalculation = 2,

        /// <summary>A bulk recalculation job went over every customer.</summary>
        Job = 3,

        /// <summary>A manager overrode the tier (or removed an override).</summary>
        Override = 4,

        /// <summary>The columns were written directly (an import, an integration), not by an evaluation.</summary>
        DirectEdit = 5,
    }

    /// <summary>
    /// The trigger of an evaluation and what a user needs to find its source ("Create of salesorder 6f96…", a job, the
    /// override's reason). It travels from the plug-in that evaluates to the step that records the change as one string
    /// the evaluation writes with the customer's columns (a shared variable need not reach the write's pipeline).
    /// </summary>
    public sealed class ScoreTrigger
    {
        private const char Separator = '|';

        public ScoreTrigger(TriggerKind kind, string detail)
        {
            Kind = kind;
            Detail = detail ?? "";
        }

        public TriggerKind Kind { get; }
        public string Detail { get; }

        public static ScoreTrigger ForEvent(string message, string table, Guid recordId) => new ScoreTrigger(TriggerKind.Event, $"{message} of {table} {recordId:D}");

        public string ToStamp() => $"{(int)Kind}{Separator}{Detail}";

        /// <summary>The trigger a stamp carries; null when the text is not one.</summary>
        public static ScoreTrigger FromStamp(string text)
        {
            var at = text?.IndexOf(Separator) ?? -1;
            if (at <= 0 || !int.TryParse(text.Substring(0, at), out var kind) || !Enum.IsDefined(typeof(TriggerKind), kind)) return null;
            return new ScoreTrigger((TriggerKind)kind, text.Substring(at + 1));
        }
    }
}
