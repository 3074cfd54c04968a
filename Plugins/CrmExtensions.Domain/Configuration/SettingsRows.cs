using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>A settings row as a change leaves it (or, for the other rows, as it stands).</summary>
    public sealed class SettingsRow
    {
        public SettingsRow(Guid id, string name, string value, bool active)
        {
            Id = id;
            Name = name;
            Value = value;
            Active = active;
        }

        public Guid Id { get; }
        public string Name { get; }
        public string Value { get; }
        public bool Active { get; }
    }

    /// <summary>
    /// The rows every evaluation reads its settings from, by name: the admin's document and, under it, the calibration
    /// cx_CalibrateSettings writes. A row is judged by its name — the calibration row may only hold a calibration document,
    /// any other row a settings document — and a change that touches either named row must leave one active row per name
    /// and settings that still load together; otherwise it is refused and every evaluation goes on with the settings it had.
    /// </summary>
    public static class SettingsRows
    {
        public const string AdminName = "CustomerValue";
        public const string CalibrationName = "CustomerValueCalibration";

        public static bool IsRead(string name) => name == AdminName || name == CalibrationName;

        /// <summary>
        /// Refuses <paramref name="changed"/> with the reason; <paramref name="before"/> is the row's name before the change
        /// (null on create), <paramref name="others"/> the other rows named as the evaluation reads them.
        /// </summary>
        public static void Check(SettingsRow changed, string before, IEnumerable<SettingsRow> others)
        {
            if (changed.Name == CalibrationName)
                Guard(() => SettingsLoader.Load(changed.Value, null), $"The row '{CalibrationName}' holds the calibration cx_CalibrateSettings writes, only its section: ");
            // The admin's row in force is judged with the calibration under it (below); any other row on its own.
            else if (!(changed.Active && changed.Name == AdminName)) SettingsLoader.Load(changed.Value);
            if (!IsRead(changed.Name) && !IsRead(before)) return;

            var rows = others.Where(o => o.Id != changed.Id && o.Active && IsRead(o.Name)).ToList();
            var twin = changed.Active ? rows.FirstOrDefault(o => o.Name == changed.Name) : null;
            if (twin != null)
                throw new DomainValidationException($"Another active settings row is named '{changed.Name}' ({twin.Id}); deactivate or rename it first, " +
                    "so every evaluation reads the same settings.");
            if (changed.Active) rows.Add(changed);
            string ValueOf(string name) => rows.FirstOrDefault(r => r.Name == name)?.Value;
            Guard(() => SettingsLoader.Load(ValueOf(CalibrationName), ValueOf(AdminName)),
                $"With this change the rows '{AdminName}' and '{CalibrationName}' would not load together, and every evaluation would stop: ");
        }

        private static void Guard(Action load, string context)
        {
            try
            {
                load();
            }
            catch (DomainValidationException ex)
            {
                throw new DomainValidationException(context + ex.Message, ex);
            }
        }
    }
}
