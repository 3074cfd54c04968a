namespace CrmExtensions.Domain.Purchases
{
    /// <summary>Purchases in one analysis period (e.g. a quarter), in base currency.</summary>
    public struct PeriodActivity
    {
        public PeriodActivity(int orders, decimal revenue, decimal profit)
        {
            Orders = orders;
            Revenue = revenue;
            Profit = profit;
        }

        public int Orders { get; }
        public decimal Revenue { get; }
        public decimal Profit { get; }
    }
}
