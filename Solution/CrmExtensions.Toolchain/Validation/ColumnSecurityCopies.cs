using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// The customer and loss tables' IsSecured and IsAuditEnabled flags against <see cref="CustomerColumnSecurity"/>: exactly the
    /// declared columns are secured (a secured column the profiles do not list would be closed to every user, an
    /// unsecured one open to any writer), and the declared columns are audited. Auditing the table itself is the org's
    /// setting (the solution carries platform tables as shells), which README asks the admin to turn on.
    /// </summary>
    public static class ColumnSecurityCopies
    {
        public static IEnumerable<ValidationIssue> Check(SolutionSource source)
        {
            foreach (var table in CustomerColumnSecurity.Tables)
            {
                var audited = new HashSet<string>(CustomerColumnSecurity.AuditedOn(table));
                var secured = new HashSet<string>(CustomerColumnSecurity.SecuredOn(table));
                var file = $"Entities/{table}/Entity.xml";
                var entity = source.Get(file)?.Root?.Element("EntityInfo")?.Element("entity");
                if (entity == null)
                {
                    yield return new ValidationIssue(file, 0, "missing: CustomerColumnSecurity declares its secured columns");
                    continue;
                }
                var attributes = entity.Element("attributes")?.Elements("attribute").ToDictionary(a => (string)a.Element("LogicalName")) ?? new Dictionary<string, System.Xml.Linq.XElement>();
                foreach (var column in secured.Concat(audited).Where(c => !attributes.ContainsKey(c)).Distinct())
                    yield return new ValidationIssue(file, SolutionSource.Line(entity), $"{column} is declared in CustomerColumnSecurity but {table} has no such column");
                foreach (var pair in attributes)
                {
                    var isSecured = (string)pair.Value.Element("IsSecured") == "1";
                    if (isSecured != secured.Contains(pair.Key))
                        yield return new ValidationIssue(file, SolutionSource.Line(pair.Value),
                            $"{pair.Key}: IsSecured is {(isSecured ? 1 : 0)}, but CustomerColumnSecurity {(isSecured ? "does not secure it" : "secures it")}");
                    if (audited.Contains(pair.Key) && (string)pair.Value.Element("IsAuditEnabled") != "1")
                        yield return new ValidationIssue(file, SolutionSource.Line(pair.Value), $"{pair.Key} must be audited (CustomerColumnSecurity.Audited)");
                }
            }
        }
    }
}
