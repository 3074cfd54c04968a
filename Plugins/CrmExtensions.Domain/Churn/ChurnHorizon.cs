using System.Globalization;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Churn
{
    /// <summary>
    /// How far ahead the churn outlook looks: its risk is the chance of no purchase within this span. The product's is
    /// the settings' <c>churn.horizonMonths</c>; a backtest asks about its own holdout, in days, as that is the question
    /// its answers are checked against.
    /// </summary>
    public sealed class ChurnHorizon
    {
        private const double DaysPerMonth = 365.25 / 12;
        private readonly string _text;

        private ChurnHorizon(double days, string text)
        {
            Days = days;
            _text = text;
        }

        public static ChurnHorizon Of(ChurnSettings churn) =>
            new ChurnHorizon(churn.HorizonMonths * DaysPerMonth, churn.HorizonMonths.ToString(CultureInfo.InvariantCulture) + " months");

        public static ChurnHorizon OfDays(double days)
        {
            if (!(days > 0)) throw new DomainValidationException($"A churn horizon is a positive number of days (got {days}).");
            return new ChurnHorizon(days, days.ToString("0.#", CultureInfo.InvariantCulture) + " days");
        }

        public double Days { get; }

        /// <summary>"12 months", "273 days": as the outlook's text names it.</summary>
        public override string ToString() => _text;
    }
}
