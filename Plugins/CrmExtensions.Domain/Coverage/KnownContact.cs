using System;

namespace CrmExtensions.Domain.Coverage
{
    /// <summary>
    /// The layer of the customer's organisation a person works in: operational (uses the product), management (runs the
    /// department) or decision (decides the purchase). Stored in the cx_contactlayer choice, as the option of the same name.
    /// </summary>
    public enum ContactLayer
    {
        Operational = 1,
        Management = 2,
        Decision = 3,
    }

    /// <summary>
    /// The function a person works in: the user department, the technical department that maintains or selects the
    /// product, or finance that approves the money. Stored in the cx_contactfunction choice, as the option of the same name.
    /// </summary>
    public enum ContactFunction
    {
        UserDepartment = 1,
        Technical = 2,
        Finance = 3,
    }

    /// <summary>A person we know at an account: layer and function (null when not recorded) and our last completed activity with them.</summary>
    public sealed class KnownContact
    {
        public KnownContact(Guid id, ContactLayer? layer, ContactFunction? function, DateTime? lastActivityOn)
        {
            if (layer.HasValue && !Enum.IsDefined(typeof(ContactLayer), layer.Value))
                throw new DomainValidationException($"Contact {id} has layer {(int)layer.Value}, which is not operational, management or decision.");
            if (function.HasValue && !Enum.IsDefined(typeof(ContactFunction), function.Value))
                throw new DomainValidationException($"Contact {id} has function {(int)function.Value}, which is not user department, technical or finance.");
            Id = id;
            Layer = layer;
            Function = function;
            LastActivityOn = lastActivityOn;
        }

        public Guid Id { get; }
        public ContactLayer? Layer { get; }
        public ContactFunction? Function { get; }
        public DateTime? LastActivityOn { get; }
    }
}
