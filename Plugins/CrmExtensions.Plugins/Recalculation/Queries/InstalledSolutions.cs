using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Queries
{
    /// <summary>
    /// Whether the org has a solution (CrmExtensionsService, say), asked once per name and execution with one query of
    /// the solution table: a source of facts that an optional solution brings is read only where it is installed, so the
    /// core never names a table an org without the app lacks.
    /// </summary>
    public sealed class InstalledSolutions
    {
        private const string Table = "solution", UniqueName = "uniquename";
        private readonly IOrganizationService _service;
        private readonly Dictionary<string, bool> _known = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

        public InstalledSolutions(IOrganizationService service)
        {
            _service = service;
        }

        public bool Has(string uniqueName)
        {
            if (_known.TryGetValue(uniqueName, out var has)) return has;
            var query = new QueryExpression(Table) { ColumnSet = new ColumnSet(UniqueName), TopCount = 1 };
            query.Criteria.AddCondition(UniqueName, ConditionOperator.Equal, uniqueName);
            return _known[uniqueName] = _service.RetrieveMultiple(query).Entities.Count > 0;
        }
    }
}
