using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    public sealed class SolutionRegistrations
    {
        public List<StepRegistration> Steps { get; } = new List<StepRegistration>();
        public List<CustomApiDefinition> CustomApis { get; } = new List<CustomApiDefinition>();
    }

    /// <summary>
    /// Reads plugin step and Custom API registrations from the unpacked solution source (SolutionPackager layout:
    /// SdkMessageProcessingSteps/{id}.xml, customapis/&lt;name&gt;/customapi.xml), so tests fire exactly what admins import.
    /// </summary>
    public static class SolutionRegistrationLoader
    {
        // Platform messages have the same sdkmessageid in every environment.
        private static readonly Dictionary<Guid, string> WellKnownMessages = new Dictionary<Guid, string>
        {
            [new Guid("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Assign",
            [new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Create",
            [new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Delete",
            [new Guid("1cbebb1b-ea3e-db11-86a7-000a3a5473e8")] = "SetState",
            [new Guid("1dbebb1b-ea3e-db11-86a7-000a3a5473e8")] = "SetStateDynamicEntity",
            [new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8")] = "Update",
        };

        public static IReadOnlyDictionary<Guid, string> Messages => WellKnownMessages;

        public static SolutionRegistrations Load(string solutionSourceDirectory, params Assembly[] pluginAssemblies)
        {
            if (!Directory.Exists(solutionSourceDirectory))
                throw new DirectoryNotFoundException($"Solution source folder not found: {solutionSourceDirectory}");
            var result = new SolutionRegistrations();
            var stepsDir = Path.Combine(solutionSourceDirectory, "SdkMessageProcessingSteps");
            if (Directory.Exists(stepsDir))
            {
                foreach (var file in Directory.GetFiles(stepsDir, "*.xml").OrderBy(f => f, StringComparer.Ordinal))
                    result.Steps.Add(ReadStep(file, pluginAssemblies));
            }
            var apisDir = Path.Combine(solutionSourceDirectory, "customapis");
            if (Directory.Exists(apisDir))
            {
                foreach (var dir in Directory.GetDirectories(apisDir).OrderBy(d => d, StringComparer.Ordinal))
                    result.CustomApis.Add(ReadCustomApi(dir, pluginAssemblies));
            }
            return result;
        }

        private static StepRegistration ReadStep(string file, Assembly[] assemblies)
        {
            var root = LoadXml(file);
            if (root.Name.LocalName != "SdkMessageProcessingStep") throw Bad(file, root, "root element must be <SdkMessageProcessingStep>");
            var name = (string)root.Attribute("Name") ?? throw Bad(file, root, "missing Name attribute");
            var messageId = Text(root, "SdkMessageId", file);
            if (!Guid.TryParse(messageId, out var messageGuid) || !WellKnownMessages.TryGetValue(messageGuid, out var message))
                throw Bad(file, root, $"SdkMessageId '{messageId}' is not a platform message this host knows");
            var step = new StepRegistration
            {
                Id = Guid.TryParse((string)root.Attribute("SdkMessageProcessingStepId"), out var id) ? id : Guid.NewGuid(),
                Name = name,
                Message = message,
                PrimaryEntity = (string)root.Element("PrimaryEntity"),
                Stage = (PipelineStage)Int(root, "Stage", file),
                Mode = (StepMode)Int(root, "Mode", file),
                Rank = root.Element("Rank") != null ? Int(root, "Rank", file) : 1,
                UnsecureConfiguration = NullIfEmpty((string)root.Element("CustomConfiguration")),
                Enabled = (string)root.Element("StateCode") != "1",
                PluginType = ResolveType(Text(root, "PluginTypeName", file), assemblies, file, root),
            };
            if (!Enum.IsDefined(typeof(PipelineStage), step.Stage) || step.Stage == PipelineStage.MainOperation)
                throw Bad(file, root, $"Stage {(int)step.Stage} is not 10, 20 or 40");
            if (step.Mode == StepMode.Asynchronous && step.Stage != PipelineStage.PostOperation)
                throw Bad(file, root, "asynchronous steps must be registered on PostOperation (40)");
            foreach (var attribute in Split((string)root.Element("FilteringAttributes"))) step.FilteringAttributes.Add(attribute);
            var images = root.Element("SdkMessageProcessingStepImages");
            if (images != null)
            {
                foreach (var image in images.Elements("SdkMessageProcessingStepImage"))
                {
                    var alias = (string)image.Element("EntityAlias") ?? (string)image.Attribute("Name") ?? throw Bad(file, image, "image has no EntityAlias");
                    step.Images.Add(new StepImage(alias, (ImageType)Int(image, "ImageType", file), Split((string)image.Element("Attributes"))));
                }
            }
            return step;
        }

        private static CustomApiDefinition ReadCustomApi(string dir, Assembly[] assemblies)
        {
            var file = Path.Combine(dir, "customapi.xml");
            var root = LoadXml(file);
            var api = new CustomApiDefinition
            {
                UniqueName = (string)root.Attribute("uniquename") ?? throw Bad(file, root, "missing uniquename attribute"),
                BindingType = Int(root, "bindingtype", file),
                BoundEntityLogicalName = NullIfEmpty((string)root.Element("boundentitylogicalname")),
                IsFunction = (string)root.Element("isfunction") == "1",
                ExecutePrivilegeName = NullIfEmpty((string)root.Element("executeprivilegename")),
            };
            var typeKey = (string)root.Element("plugintypeid")?.Element("plugintypeexportkey");
            if (!string.IsNullOrWhiteSpace(typeKey)) api.PluginType = ResolveType(typeKey, assemblies, file, root);
            api.RequestParameters.AddRange(ReadParameters(Path.Combine(dir, "customapirequestparameters"), "customapirequestparameter"));
            api.ResponseProperties.AddRange(ReadParameters(Path.Combine(dir, "customapiresponseproperties"), "customapiresponseproperty"));
            return api;
        }

        private static IEnumerable<CustomApiParameter> ReadParameters(string dir, string element)
        {
            if (!Directory.Exists(dir)) yield break;
            foreach (var sub in Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.Ordinal))
            {
                var file = Path.Combine(sub, element + ".xml");
                var root = LoadXml(file);
                yield return new CustomApiParameter
                {
                    UniqueName = (string)root.Attribute("uniquename") ?? throw Bad(file, root, "missing uniquename attribute"),
                    Type = Int(root, "type", file),
                    IsOptional = (string)root.Element("isoptional") == "1",
                };
            }
        }

        private static void AddRange<T>(this IList<T> list, IEnumerable<T> items)
        {
            foreach (var item in items) list.Add(item);
        }

        private static Type ResolveType(string typeName, Assembly[] assemblies, string file, XElement at)
        {
            // "Namespace.Type, Assembly, Version=..., Culture=..., PublicKeyToken=..." or just "Namespace.Type".
            var parts = typeName.Split(',');
            var fullName = parts[0].Trim();
            var assemblyName = parts.Length > 1 ? parts[1].Trim() : null;
            foreach (var assembly in assemblies)
            {
                if (assemblyName != null && !string.Equals(assembly.GetName().Name, assemblyName, StringComparison.OrdinalIgnoreCase)) continue;
                var type = assembly.GetType(fullName, throwOnError: false);
                if (type != null) return type;
            }
            throw Bad(file, at, $"plugin type '{fullName}' was not found in {string.Join(", ", assemblies.Select(a => a.GetName().Name))}");
        }

        private static XElement LoadXml(string file)
        {
            try
            {
                return XDocument.Load(file, LoadOptions.SetLineInfo).Root;
            }
            catch (XmlException ex)
            {
                throw new InvalidDataException($"{file}({ex.LineNumber}): malformed XML: {ex.Message}", ex);
            }
            catch (FileNotFoundException ex)
            {
                throw new InvalidDataException($"{file}: missing", ex);
            }
        }

        private static string Text(XElement root, string element, string file) =>
            NullIfEmpty((string)root.Element(element)) ?? throw Bad(file, root, $"<{element}> is missing or empty");

        private static int Int(XElement root, string element, string file)
        {
            var text = Text(root, element, file);
            if (!int.TryParse(text, out var value)) throw Bad(file, root.Element(element), $"<{element}> must be a whole number, not '{text}'");
            return value;
        }

        private static IEnumerable<string> Split(string list) =>
            (list ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);

        private static string NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static InvalidDataException Bad(string file, XElement at, string what)
        {
            var line = at is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
            return new InvalidDataException($"{file}({line}): {what}.");
        }
    }
}
