namespace CrmExtensions.Cli.Demo
{
    /// <summary>What the demo adds to the dataset after its recalculations: nothing, so a user's data is evaluated as given, or the scripted live events.</summary>
    public enum DemoScenario
    {
        None,

        /// <summary>A live order and complaint on the iron account with the most growth potential, and a loss cause an account manager records.</summary>
        LiveEvents,
    }
}
