namespace CrmExtensions.Plugins.Model
{
    /// <summary>The security roles the solution ships (Solution/src/Roles), by name.</summary>
    public static class ProductRoles
    {
        /// <summary>Overrides tiers with a reason, recalculates a customer, previews, reads the override audit and score history.</summary>
        public const string Manager = "Customer Value Manager";

        /// <summary>Owns the settings and recalculation jobs; recalculates and previews; reads audit and history.</summary>
        public const string Administrator = "Customer Value Administrator";
    }
}
