using System.Collections.Generic;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>Every problem the settings' validators find, reported at once, each naming its field as the document spells it.</summary>
    internal sealed class SettingsErrors
    {
        private readonly List<string> _errors = new List<string>();

        public void Add(string error) => _errors.Add(error);

        public void Check(bool ok, string field, string rule)
        {
            if (!ok) _errors.Add($"{field} {rule}");
        }

        /// <exception cref="DomainValidationException">A field breaks its rule.</exception>
        public void ThrowIfAny()
        {
            if (_errors.Count > 0) throw new DomainValidationException("Settings are invalid: " + string.Join("; ", _errors) + ".");
        }
    }
}
