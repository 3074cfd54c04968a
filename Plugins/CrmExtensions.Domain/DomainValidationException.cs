using System;

namespace CrmExtensions.Domain
{
    /// <summary>Input the rules cannot work with; the message names the offending field or record.</summary>
    public sealed class DomainValidationException : Exception
    {
        public DomainValidationException(string message) : base(message) { }
        public DomainValidationException(string message, Exception inner) : base(message, inner) { }
    }
}
