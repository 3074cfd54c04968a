using System;
using System.Diagnostics;
using System.IO;

namespace CrmExtensions.Cli
{
    /// <summary>Builds what the package embeds: the net462 plug-in and workflow assemblies and, when WebResources exists, the compiled scripts.</summary>
    public static class Builds
    {
        public static void Assemblies(RepositoryLayout layout, TextWriter log)
        {
            log.WriteLine("Building the plug-in and workflow assemblies for net462 (Release)...");
            Run("dotnet", $"build \"{layout.PluginProject}\" -c Release -f net462 -nologo -v q", layout.Root, log);
            Run("dotnet", $"build \"{layout.WorkflowProject}\" -c Release -f net462 -nologo -v q", layout.Root, log);
        }

        public static void WebResources(RepositoryLayout layout, TextWriter log)
        {
            if (!File.Exists(Path.Combine(layout.WebResourcesProject, "package.json"))) return;
            if (!Directory.Exists(Path.Combine(layout.WebResourcesProject, "node_modules")))
            {
                // npm ci installs exactly package-lock.json and never rewrites it: the main job leaves the tree clean.
                log.WriteLine("Installing web resource build tools (npm ci)...");
                Run("npm", "ci --no-audit --no-fund --loglevel=error", layout.WebResourcesProject, log);
            }
            log.WriteLine("Compiling web resources (TypeScript)...");
            Run("npm", "run build --silent", layout.WebResourcesProject, log);
        }

        private static void Run(string command, string arguments, string directory, TextWriter log)
        {
            var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using (var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}."))
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    log.WriteLine(stdout.Result);
                    log.WriteLine(stderr.Result);
                    throw new InvalidOperationException($"'{command} {arguments}' failed with exit code {process.ExitCode} in {directory}.");
                }
            }
        }
    }
}
