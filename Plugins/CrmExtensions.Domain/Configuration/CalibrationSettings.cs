using System;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>
    /// BG/NBD purchase model (Fader, Hardie &amp; Lee 2005), time in days: purchase rates are gamma(r, alpha) distributed
    /// across customers, and after each purchase a customer drops out with a probability that is beta(a, b) distributed.
    /// </summary>
    public sealed class PurchaseModelParameters
    {
        public double R { get; set; }
        public double Alpha { get; set; }
        public double A { get; set; }
        public double B { get; set; }
    }

    /// <summary>Facts about the org's own customers, written by the calibration run (settings row CustomerValueCalibration).</summary>
    public sealed class CalibrationSettings
    {
        public DateTime CalibratedOn { get; set; }

        /// <summary>When the org was first calibrated: tiers placed before it were placed against the placeholder lines.</summary>
        public DateTime FirstCalibratedOn { get; set; }

        /// <summary>Customers the purchase model was fitted on (every customer with a purchase).</summary>
        public int Population { get; set; }

        /// <summary>Active customers the percentile thresholds were taken from.</summary>
        public int ActiveCustomers { get; set; }

        public decimal CurrentValueThreshold { get; set; }

        /// <summary>Top-share line of growth potential among active customers of low current value.</summary>
        public decimal GrowthPotentialThreshold { get; set; }

        /// <summary>Top-share line of growth potential among active customers of high current value.</summary>
        public decimal GrowthPotentialThresholdAtHighValue { get; set; }

        public PurchaseModelParameters PurchaseModel { get; set; }
    }
}
