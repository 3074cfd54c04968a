using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// Microsoft's SolutionPackager (Microsoft.CrmSdk.CoreTools, restored with the tests), run as an admin's pipeline runs
    /// it: under Mono on Linux, as it is on Windows. It needs ../shared (the package source that serves CoreTools here);
    /// where that is absent the tests that use it are skipped with a clear reason.
    /// </summary>
    public static class SolutionPackagerTool
    {
        public static string Executable => Path.Combine(typeof(SolutionPackagerTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CoreTools").Value ?? "", "content", "bin", "coretools", "SolutionPackager.exe");

        public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryLayout.Find().Root, "..", "shared"));

        /// <summary>
        /// The only warning an export of Microsoft's own passes with too: its root-component check looks for forms at the top
        /// of customizations.xml (and knows no views or charts), where a platform table's forms travel inside the table.
        /// </summary>
        private static readonly Regex KnownRootWarning = new Regex(@"^  Type='(SystemForm|SavedQuery|SavedQueryVisualization)', Id \(or schema name\)='\{[0-9a-f-]+\}'\.$");

        private static readonly string[] Banner = { "SolutionPackger CRM Solution Packaging Tool", "© ", "Following root components are not defined in customizations:" };

        /// <summary>Runs one action; fails the test on a non-zero exit or on any line that is not the banner or the known warning.</summary>
        public static void Run(string action, string zip, string folder, bool managed, string map = null)
        {
            var arguments = $"/action:{action} /zipfile:\"{zip}\" /folder:\"{folder}\" /packagetype:{(managed ? "Managed" : "Unmanaged")} /errorlevel:Warning" +
                (action == "Extract" ? " /allowDelete:Yes" : "") + (map == null ? "" : $" /map:\"{map}\"");
            var windows = Environment.OSVersion.Platform == PlatformID.Win32NT;
            var start = new ProcessStartInfo(windows ? Executable : "mono", windows ? arguments : $"\"{Executable}\" {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(zip),
            };
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("SolutionPackager needs Mono on Linux: apt-get install mono-runtime and the class libraries " +
                    "../shared/nuget/README.md lists (tests/run-all.sh installs them).", ex);
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var lines = process.StandardOutput.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
                process.WaitForExit();
                lines.Add(stderr.Result);
                var unexpected = Unexpected(lines).ToList();
                Assert.True(process.ExitCode == 0 && unexpected.Count == 0,
                    $"SolutionPackager /action:{action} {Path.GetFileName(zip)} (exit {process.ExitCode}):\n{string.Join("\n", unexpected)}");
            }
        }

        private static IEnumerable<string> Unexpected(IEnumerable<string> lines)
        {
            var rootWarning = false;
            foreach (var line in lines.Where(l => l.Trim().Length > 0))
            {
                if (Banner.Any(line.StartsWith)) rootWarning |= line.StartsWith(Banner[2], StringComparison.Ordinal);
                else if (rootWarning && KnownRootWarning.IsMatch(line)) continue;
                else if (rootWarning && line == "1 warnings encountered") continue;
                else yield return line;
            }
        }
    }

    /// <summary>A fact that runs Microsoft's SolutionPackager; skipped with the reason where ../shared is absent.</summary>
    public sealed class NeedsSolutionPackagerFactAttribute : FactAttribute
    {
        public NeedsSolutionPackagerFactAttribute()
        {
            if (!Directory.Exists(SolutionPackagerTool.SharedFolder) || !File.Exists(SolutionPackagerTool.Executable))
                Skip = $"Microsoft's SolutionPackager comes from Microsoft.CrmSdk.CoreTools in ../shared/nuget, which is not at {SolutionPackagerTool.SharedFolder}; CI has it.";
        }
    }
}
