namespace CrmExtensions.Plugins.Registration
{
    /// <summary>
    /// The product ships as two solutions, the way ISVs ship an add-on for an optional app: <see cref="Core"/> needs only
    /// Dynamics 365 Sales; <see cref="Service"/> adds complaints from cases and needs the core and Customer Service. Steps
    /// on a table only Customer Service brings are packed into <see cref="Service"/> (Solution/src-service); everything
    /// else into <see cref="Core"/> (Solution/src). The core reads cases only where <see cref="Service"/> is installed.
    /// </summary>
    public static class ProductSolutions
    {
        public const string Core = "CrmExtensions";
        public const string Service = "CrmExtensionsService";

        /// <summary>The folder of a solution's source beside the core's: Solution/src → Solution/src-service.</summary>
        public const string ServiceFolderSuffix = "-service";
    }
}
