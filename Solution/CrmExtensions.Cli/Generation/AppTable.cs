namespace CrmExtensions.Cli.Generation
{
    /// <summary>A platform table that only a Dynamics 365 app brings, and the app's solution that owns it.</summary>
    public sealed class AppTable
    {
        // The apps' solutions as exports that depend on them name them (microsoft/Dynamics-365-Industry-Accelerators'
        // solution.xml files); the version is the exporting org's, and an import only checks that the app is there.
        public const string Sales = "msdynce_Sales (9.0.4.0076)";
        public const string Service = "msdynce_Service (9.0.5.56)";
        public const string ProductManagement = "msdynce_ProductManagement (9.0.4.0066)";

        public AppTable(string name, string displayName, string solution)
        {
            Name = name;
            DisplayName = displayName;
            Solution = solution;
        }

        public string Name { get; }
        public string DisplayName { get; }
        public string Solution { get; }
    }
}
