using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>
    /// Other/FieldSecurityProfiles.xml from <see cref="CustomerColumnSecurity"/>: one profile per kind of user, each with a
    /// FieldPermission per secured column of each customer table (4 allows a right, 0 denies it, as fieldpermission stores them).
    /// </summary>
    public static class FieldSecurityProfiles
    {
        public const string File = "Other/FieldSecurityProfiles.xml";
        private const int Allowed = 4, Denied = 0;

        private static readonly (string Name, string Description)[] Profiles =
        {
            (CustomerColumnSecurity.ReaderProfile, "Reads the customer value columns, ledger and retention plan; only the product's plug-ins write them."),
            (CustomerColumnSecurity.ManagerProfile, "Reads the customer value columns and overrides a tier with a reason (the tier and override columns)."),
        };

        public static XDocument Generate() => new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("FieldSecurityProfiles", new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                Profiles.Select(p => new XElement("FieldSecurityProfile",
                    new XAttribute("name", p.Name),
                    new XAttribute("description", p.Description),
                    new XAttribute("fieldsecurityprofileid", StableId.For("fieldsecurityprofile", p.Name).ToString("B")),
                    new XElement("FieldPermissions",
                        from table in CustomerColumnSecurity.Tables
                        from column in CustomerColumnSecurity.SecuredOn(table).OrderBy(c => c, System.StringComparer.Ordinal)
                        select new XElement("FieldPermission",
                            new XElement("EntityName", table),
                            new XElement("AttributeName", column),
                            new XElement("CanRead", Allowed),
                            new XElement("CanUpdate", CustomerColumnSecurity.CanUpdate(p.Name, column) ? Allowed : Denied),
                            new XElement("CanCreate", Denied)))))));
    }
}
