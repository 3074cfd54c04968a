using System;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Domain.Json;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>
    /// Reads the settings JSON over the shipped defaults (a document may set only what it changes) and validates every
    /// field; a bad document is rejected with a message that names the field, never half-applied.
    /// </summary>
    public static class SettingsLoader
    {
        private static readonly Lazy<string> DefaultJson = new Lazy<string>(() =>
        {
            using (var stream = typeof(SettingsLoader).Assembly.GetManifestResourceStream("CrmExtensions.Domain.default-settings.json"))
            using (var reader = new StreamReader(stream ?? throw new InvalidOperationException("default-settings.json is not embedded.")))
                return reader.ReadToEnd();
        });

        // The defaults are parsed once; each load merges into a copy.
        private static readonly Lazy<XElement> DefaultTree = new Lazy<XElement>(() => SettingsDocument.Parse(DefaultJson.Value));

        private static readonly Lazy<CrmExtensionsSettings> DefaultSettings = new Lazy<CrmExtensionsSettings>(() => Load(null));

        /// <summary>The shipped defaults (parsed once; treat as read-only).</summary>
        public static CrmExtensionsSettings Defaults => DefaultSettings.Value;

        public static string DefaultDocument => DefaultJson.Value;

        /// <summary>Parses <paramref name="json"/> over the defaults; null or blank means defaults only.</summary>
        public static CrmExtensionsSettings Load(string json) => Load(null, json);

        /// <summary>
        /// The settings in force: the defaults, then the last calibration's document (which may only hold the
        /// calibration section), then the admin's document, so an admin's explicit choice always wins.
        /// </summary>
        public static CrmExtensionsSettings Load(string calibrationJson, string json)
        {
            var merged = new XElement(DefaultTree.Value);
            var calibration = Parse(calibrationJson, "Calibration settings JSON");
            var other = calibration?.Elements().FirstOrDefault(e => SettingsDocument.Name(e) != CalibrationSection);
            if (other != null)
                throw new DomainValidationException($"The calibration document may only hold the '{CalibrationSection}' section " +
                    $"(found '{SettingsDocument.Name(other)}').");
            // Arrays and cadence lists replace the default rather than being merged item by item; an explicit null sets null.
            foreach (var document in new[] { calibration, Parse(json, "Settings JSON") }.Where(d => d != null))
                SettingsDocument.Merge(merged, document);

            CrmExtensionsSettings settings;
            try
            {
                settings = SettingsBinder.Bind<CrmExtensionsSettings>(merged);
            }
            catch (FormatException ex)
            {
                throw new DomainValidationException($"Settings JSON is invalid: {ex.Message}", ex);
            }
            SettingsValidator.Validate(settings);
            return settings;
        }

        private const string CalibrationSection = "calibration";

        /// <summary>The document a calibration run stores: only the calibration section, in the settings' own format.</summary>
        public static string CalibrationDocument(CalibrationSettings calibration)
        {
            var text = SettingsWriter.Section(CalibrationSection, calibration);
            Load(text, null); // never store what would not load
            return text;
        }

        private static XElement Parse(string json, string what)
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            try
            {
                var document = SettingsDocument.Parse(json);
                if (SettingsDocument.Kind(document) != "object") throw new JsonSyntaxException("A settings document is a JSON object.", 1, 1);
                return document;
            }
            catch (JsonSyntaxException ex)
            {
                throw new DomainValidationException($"{what} is malformed at line {ex.Line}, position {ex.Position}: {ex.Message}", ex);
            }
            catch (XmlException ex)
            {
                // What RelaxedJson let through but the framework's reader refused (it tells no position).
                throw new DomainValidationException($"{what} is malformed: {ex.Message}", ex);
            }
        }
    }
}
