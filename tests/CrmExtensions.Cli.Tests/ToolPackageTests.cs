using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>A fact that installs packages through ../shared/nuget; where it is absent the test says so and is skipped (CI has it).</summary>
    public sealed class NeedsSharedPackagesFactAttribute : FactAttribute
    {
        public NeedsSharedPackagesFactAttribute()
        {
            if (!Directory.Exists(Path.Combine(SolutionPackagerTool.SharedFolder, "nuget")))
                Skip = "The NuGet packages of ../shared/nuget are not beside the repository, so the tool's package cannot be restored and installed; CI has them.";
        }
    }

    /// <summary>
    /// crmext as an admin gets it: packed as a .NET tool, installed into an empty folder, and run there without the
    /// repository — --help, validate on the zips it carries, and the demo on the sample it carries.
    /// </summary>
    public class ToolPackageTests
    {
        private static readonly string Configuration = typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value;

        [NeedsSharedPackagesFact]
        public void The_tool_installs_from_its_package_into_an_empty_folder_and_runs_help_validate_and_demo()
        {
            using (var fixture = new PackerFixture())
            {
                var zips = Path.GetDirectoryName(fixture.Pack(managed: false));
                fixture.PackService(managed: false);
                var root = fixture.Layout.Root;
                var feed = Path.Combine(fixture.Root, "feed");
                var tools = Path.Combine(fixture.Root, "tools");
                var empty = Directory.CreateDirectory(Path.Combine(fixture.Root, "empty")).FullName;
                // --no-build: the suite built the tool already; packing publishes that build with the zips beside it.
                Run("dotnet", $"pack \"{Path.Combine(root, "Solution", "CrmExtensions.Cli")}\" -c {Configuration} --no-build -o \"{feed}\" -p:ProductZips=\"{zips}\"", root);
                Run("dotnet", $"tool install --tool-path \"{tools}\" --add-source \"{feed}\" crmext", empty);
                var crmext = Path.Combine(tools, OperatingSystem.IsWindows() ? "crmext.exe" : "crmext");

                Assert.Contains("deploy", Run(crmext, "--help", empty).Output);
                var validate = Run(crmext, "validate --no-schema", empty).Output;
                Assert.Contains("Checked CrmExtensions_1_0_0_0.zip, CrmExtensionsService_1_0_0_0.zip", validate);
                Assert.Contains("no problems.", validate);
                var demo = Run(crmext, "demo", empty).Output;
                Assert.Contains(Path.Combine("product", "sample"), demo);
                Assert.Contains("== Tier distribution and value matrix", demo);
                Assert.Empty(Directory.GetFileSystemEntries(empty));
            }
        }

        private static (int Code, string Output) Run(string command, string arguments, string directory)
        {
            var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using (var process = Process.Start(start))
            {
                var error = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{command} {arguments} exited {process.ExitCode}:\n{output}\n{error.Result}");
                return (process.ExitCode, output);
            }
        }
    }
}
