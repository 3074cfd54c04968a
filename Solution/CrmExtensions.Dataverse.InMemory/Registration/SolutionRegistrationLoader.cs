using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using static CrmExtensions.Dataverse.InMemory.Registration.RegistrationXml;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    public sealed class SolutionRegistrations
    {
        public List<StepRegistration> Steps { get; } = new List<StepRegistration>();
        public List<CustomApiDefinition> CustomApis { get; } = new List<CustomApiDefinition>();
    }

    /// <summary>
    /// Reads plugin step and Custom API registrations from the unpacked solution source in the format Dataverse exports
    /// (SdkMessageProcessingSteps/{id}.xml, customapis/&lt;name&gt;/customapi.xml, plug-in types by id from
    /// PluginAssemblies/), so tests fire exactly what admins import. What the platform would refuse is refused here too.
    /// </summary>
    public static class SolutionRegistrationLoader
    {
        public static SolutionRegistrations Load(string solutionSourceDirectory, params Assembly[] pluginAssemblies) =>
            Load(solutionSourceDirectory, new PluginTypeCatalog(solutionSourceDirectory, pluginAssemblies));

        /// <summary>Reads a solution's registrations with the plug-in types of the solutions loaded before it (<paramref name="types"/>, which already has this one's).</summary>
        public static SolutionRegistrations Load(string solutionSourceDirectory, PluginTypeCatalog types)
        {
            if (!Directory.Exists(solutionSourceDirectory))
                throw new DirectoryNotFoundException($"Solution source folder not found: {solutionSourceDirectory}");
            var result = new SolutionRegistrations();
            var stepsDir = Path.Combine(solutionSourceDirectory, "SdkMessageProcessingSteps");
            if (Directory.Exists(stepsDir))
            {
                foreach (var file in Directory.GetFiles(stepsDir, "*.xml").OrderBy(f => f, StringComparer.Ordinal))
                    result.Steps.Add(ReadStep(file, types));
            }
            var apisDir = Path.Combine(solutionSourceDirectory, "customapis");
            if (Directory.Exists(apisDir))
            {
                foreach (var dir in Directory.GetDirectories(apisDir).OrderBy(d => d, StringComparer.Ordinal))
                    result.CustomApis.Add(ReadCustomApi(dir, types));
            }
            return result;
        }

        private static StepRegistration ReadStep(string file, PluginTypeCatalog types)
        {
            var root = Read(file);
            if (root.Name.LocalName != "SdkMessageProcessingStep") throw Bad(file, root, "root element must be <SdkMessageProcessingStep>");
            var name = (string)root.Attribute("Name") ?? throw Bad(file, root, "missing Name attribute");
            var messageId = Text(root, "SdkMessageId", file);
            var message = Guid.TryParse(messageId, out var messageGuid) ? PlatformMessage.WithId(messageGuid) : null;
            if (message == null) throw Bad(file, root, $"SdkMessageId '{messageId}' is not a platform message this host knows");
            var typeId = Text(root, "PluginTypeId", file);
            var typeName = Text(root, "PluginTypeName", file);
            if (types.AssemblyQualifiedName(typeId) is string defined && defined != typeName)
                throw Bad(file, root.Element("PluginTypeName"), $"PluginTypeName '{typeName}' is not the plug-in type {typeId} ('{defined}')");
            var step = new StepRegistration
            {
                Id = Guid.TryParse((string)root.Attribute("SdkMessageProcessingStepId"), out var id) ? id : throw Bad(file, root, "missing SdkMessageProcessingStepId"),
                Name = name,
                Message = message.Name,
                PrimaryEntity = (string)root.Element("PrimaryEntity"),
                Stage = (PipelineStage)Int(root, "Stage", file),
                Mode = (StepMode)Int(root, "Mode", file),
                Rank = root.Element("Rank") != null ? Int(root, "Rank", file) : 1,
                UnsecureConfiguration = NullIfEmpty((string)root.Element("Configuration")),
                PluginType = types.Resolve(typeId, file, root.Element("PluginTypeId")),
            };
            if (!Enum.IsDefined(typeof(PipelineStage), step.Stage) || step.Stage == PipelineStage.MainOperation)
                throw Bad(file, root, $"Stage {(int)step.Stage} is not 10, 20 or 40");
            if (step.Mode == StepMode.Asynchronous && step.Stage != PipelineStage.PostOperation)
                throw Bad(file, root, "asynchronous steps must be registered on PostOperation (40)");
            foreach (var attribute in Split((string)root.Element("FilteringAttributes"))) step.FilteringAttributes.Add(attribute);
            foreach (var image in root.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage") ?? Enumerable.Empty<XElement>())
                step.Images.Add(ReadImage(file, image, message, step.Stage));
            return step;
        }

        private static StepImage ReadImage(string file, XElement image, PlatformMessage message, PipelineStage stage)
        {
            var alias = Text(image, "EntityAlias", file);
            var type = (ImageType)Int(image, "ImageType", file);
            var property = Text(image, "MessagePropertyName", file);
            if (property != message.ImagePropertyName)
                throw Bad(file, image, $"image '{alias}' of a {message.Name} step is taken from '{message.ImagePropertyName}', not '{property}'");
            if (type != ImageType.PostImage && !message.HasPreImage) throw Bad(file, image, $"a {message.Name} step has no pre-image ('{alias}')");
            if (type != ImageType.PreImage && (!message.HasPostImage || stage != PipelineStage.PostOperation))
                throw Bad(file, image, $"post-image '{alias}' needs a PostOperation step of a message that leaves a record");
            return new StepImage(alias, type, Split((string)image.Element("Attributes")));
        }

        private static CustomApiDefinition ReadCustomApi(string dir, PluginTypeCatalog types)
        {
            var file = Path.Combine(dir, "customapi.xml");
            var root = Read(file);
            var api = new CustomApiDefinition
            {
                UniqueName = (string)root.Attribute("uniquename") ?? throw Bad(file, root, "missing uniquename attribute"),
                BindingType = Int(root, "bindingtype", file),
                BoundEntityLogicalName = NullIfEmpty((string)root.Element("boundentitylogicalname")),
                IsFunction = (string)root.Element("isfunction") == "1",
                ExecutePrivilegeName = NullIfEmpty((string)root.Element("executeprivilegename")),
            };
            // An export names the type by its id (a classic assembly's type) or by its export key (a package's type).
            var typeKey = root.Element("plugintypeid")?.Elements().FirstOrDefault(e => e.Name.LocalName == "plugintypeid" || e.Name.LocalName == "plugintypeexportkey");
            if (typeKey != null) api.PluginType = types.Resolve(typeKey.Value.Trim(), file, typeKey);
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
                var root = Read(file);
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
    }
}
