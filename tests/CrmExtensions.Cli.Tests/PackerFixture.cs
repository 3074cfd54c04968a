using System;
using System.IO;
using System.Linq;
using System.Reflection;
using CrmExtensions.Cli.Generation;
using CrmExtensions.Cli.Packing;
using CrmExtensions.Cli.Validation;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// A copy of Solution/src, Solution/src-service and the generated TypeScript contracts in a temp folder (so tests can
    /// break them), a placeholder file for each web resource Solution/src declares, and the built net462 assemblies.
    /// </summary>
    public sealed class PackerFixture : IDisposable
    {
        public PackerFixture()
        {
            Layout = RepositoryLayout.Find();
            Root = Path.Combine(Path.GetTempPath(), "cx-cli-" + Guid.NewGuid().ToString("N"));
            Source = Path.Combine(Root, "src");
            Copy(Layout.SolutionSource, Source);
            Copy(ProductFolders.ServiceFolderOf(Layout.SolutionSource), ServiceSource);
            TypeScriptContracts = Path.Combine(Root, "customApis.ts");
            System.IO.File.Copy(Layout.TypeScriptContracts, TypeScriptContracts);
            WebSchema = Path.Combine(Root, "schema.ts");
            System.IO.File.Copy(Layout.WebSchema, WebSchema);
            ChoiceEnums = Path.Combine(Root, "OptionSets.cs");
            System.IO.File.Copy(Layout.ChoiceEnums, ChoiceEnums);
            WebResources = Path.Combine(Root, "web");
            foreach (var name in Load().Under("WebResources").Select(w => (string)w.Value.Root.Element("Name")))
            {
                var path = Path.Combine(WebResources, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                System.IO.File.WriteAllText(path, "// " + name);
            }
            var configuration = typeof(PackerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value;
            PluginAssembly = Path.Combine(Layout.Root, "Plugins", "CrmExtensions.Plugins", "bin", configuration, "net462", "CrmExtensions.Plugins.dll");
            WorkflowAssembly = Path.Combine(Layout.Root, "Plugins", "CrmExtensions.Workflow", "bin", configuration, "net462", "CrmExtensions.Workflow.dll");
        }

        public RepositoryLayout Layout { get; }
        public string Root { get; }
        public string Source { get; }
        public string ServiceSource => ProductFolders.ServiceFolderOf(Source);
        public string TypeScriptContracts { get; }
        public string WebSchema { get; }
        public string ChoiceEnums { get; }
        public string WebResources { get; }
        public string PluginAssembly { get; }
        public string WorkflowAssembly { get; }

        public SolutionSource Load() => new SolutionSource(Source);
        public SolutionSource LoadService() => new SolutionSource(ServiceSource);
        public SolutionBuild Build() => new SolutionBuild(new PluginAssemblyInfo(PluginAssembly), new PluginAssemblyInfo(WorkflowAssembly), WebResources);
        public GeneratedFiles Generated() => new GeneratedFiles(Load(), Build(), TypeScriptContracts, WebSchema, ChoiceEnums);

        public SolutionValidator Validator()
        {
            var source = Load();
            return new SolutionValidator(source, Build(), new GeneratedFiles(source, Build(), TypeScriptContracts, WebSchema, ChoiceEnums));
        }

        public SolutionValidator ServiceValidator()
        {
            var service = LoadService();
            return new SolutionValidator(service, Build(), new GeneratedFiles(service, Build(), TypeScriptContracts, WebSchema, ChoiceEnums), Load());
        }

        public string Pack(bool managed) => new SolutionPacker(Load(), Build()).Pack(Path.Combine(Root, "out"), managed);
        public string PackService(bool managed) => new SolutionPacker(LoadService(), Build()).Pack(Path.Combine(Root, "out"), managed);

        public string File(string relative) => Path.Combine(Source, relative);

        public void Edit(string relative, Func<string, string> change)
        {
            var path = File(relative);
            var before = System.IO.File.ReadAllText(path);
            var after = change(before);
            if (after == before) throw new InvalidOperationException($"The seeded defect did not change {relative}.");
            System.IO.File.WriteAllText(path, after);
        }

        public string FirstFile(string folder, string contains) =>
            Directory.GetFiles(File(folder), "*.xml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Source, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .First(f => System.IO.File.ReadAllText(File(f)).Contains(contains));

        private static void Copy(string from, string to)
        {
            foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) System.IO.File.Copy(file, file.Replace(from, to));
        }

        public void Dispose()
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, true);
        }
    }
}
