using System.Collections.Generic;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>The complaints section: the case types (values of the Case Type choice) whose cases are complaints; the platform's Problem is 2, an org may add its own.</summary>
    public sealed class ComplaintSettings
    {
        public List<int> CaseTypes { get; set; }
    }
}
