using System.Linq;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>
    /// The one list of what current orgs have that neither Microsoft's 2017 entity reference nor the solution's
    /// Entity.xml describes, each with why it is known to exist. Anything not described here, by the reference or by the
    /// solution does not exist for the host.
    /// </summary>
    internal static class ReferenceGaps
    {
        public static void Apply(OrgMetadata metadata)
        {
            // Every table has VersionNumber (the row version behind RowVersion); an export leaves it out of a custom table's
            // Entity.xml, which lists only what a maker can customise.
            foreach (var custom in new[] { "cx_competitorpresence", "cx_customerloss", "cx_recalculationjob", "cx_recalculationpage", "cx_scorechange",
                         "cx_setting", "cx_surveyresponse", "cx_tieroverrideaudit" }.Select(metadata.Table).Where(t => t != null))
                custom.Add(new ColumnMetadata("versionnumber", ColumnKind.BigInt) { ValidForCreate = false, ValidForUpdate = false });

            if (!metadata.HasStandardReference) return;
            // Appointment and email are activity tables in every org (the reference covers task and phonecall): their columns
            // are activitypointer's, the columns every activity shares, plus their own party lists. Their status reasons
            // differ from activitypointer's and are not listed anywhere the host can read, so they are not checked.
            Activity(metadata, "appointment", "requiredattendees", "optionalattendees", "organizer");
            Activity(metadata, "email", "from", "to", "cc", "bcc");
            // FulfillSalesOrder and CancelSalesOrder record an order close, an activity the reference does not describe.
            Activity(metadata, "orderclose");
            metadata.Table("orderclose")?.Add(new ColumnMetadata("salesorderid", ColumnKind.Lookup));

            // The system tables the host writes itself (ExecuteAsync's system job, ImportSolution's import job and solution row), with the
            // columns it writes and callers read.
            System(metadata, "asyncoperation", Text("name"), Text("message"), Choice("statecode"), Choice("statuscode"), Date("completedon"));
            System(metadata, "importjob", Text("name"), Text("solutionname"), Text("data"), new ColumnMetadata("progress", ColumnKind.Double), Date("startedon"), Date("completedon"));
            System(metadata, "solution", Text("uniquename"), Text("version"), new ColumnMetadata("ismanaged", ColumnKind.Boolean));
            // The organisation's own row, which names its base currency (every *_base amount is in it).
            System(metadata, "organization", Text("name"), Lookup("basecurrencyid"));
        }

        private static void Activity(OrgMetadata metadata, string table, params string[] partyLists)
        {
            var pointer = metadata.Table("activitypointer");
            if (pointer == null) return;
            var activity = metadata.Described(table);
            activity.Complete = true;
            foreach (var column in pointer.Columns)
            {
                var copy = new ColumnMetadata(column.Name, column.Kind)
                {
                    MaxLength = column.MaxLength, Min = column.Min, Max = column.Max, ValidForCreate = column.ValidForCreate, ValidForUpdate = column.ValidForUpdate,
                    Options = column.Name == "statuscode" ? null : column.Options,
                };
                foreach (var pair in column.DefaultStatus) copy.DefaultStatus[pair.Key] = pair.Value;
                activity.Add(copy);
            }
            foreach (var list in partyLists) activity.Add(new ColumnMetadata(list, ColumnKind.PartyList));
        }

        private static void System(OrgMetadata metadata, string table, params ColumnMetadata[] columns)
        {
            var row = metadata.Described(table);
            row.Complete = true;
            foreach (var column in columns.Concat(new[]
                     {
                         new ColumnMetadata(table + "id", ColumnKind.UniqueIdentifier), Date("createdon"), Date("modifiedon"), Lookup("createdby"), Lookup("modifiedby"),
                         Lookup("ownerid"), new ColumnMetadata("versionnumber", ColumnKind.BigInt),
                     }))
            {
                column.ValidForCreate = false;
                column.ValidForUpdate = false;
                row.Add(column);
            }
        }

        private static ColumnMetadata Text(string name) => new ColumnMetadata(name, ColumnKind.Text);
        private static ColumnMetadata Choice(string name) => new ColumnMetadata(name, ColumnKind.Choice);
        private static ColumnMetadata Date(string name) => new ColumnMetadata(name, ColumnKind.DateTime);
        private static ColumnMetadata Lookup(string name) => new ColumnMetadata(name, ColumnKind.Lookup);
    }
}
