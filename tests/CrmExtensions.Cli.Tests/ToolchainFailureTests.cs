using System;
using System.IO;
using CrmExtensions.Cli.Toolchain;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>crmext-dev's expected failures end in one line and a hint: a folder without a solution source, a check that cannot reach Microsoft's schema.</summary>
    public class ToolchainFailureTests
    {
        private static (int Code, string Output) Run(RepositoryLayout layout, params string[] args)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, _ => throw new InvalidOperationException("crmext-dev never connects."), _ => { }, layout);
            return (CrmextCommand.Run(ToolchainCommand.Create(context), ToolchainCommand.Name, context, args), writer.ToString());
        }

        private static string EmptyFolder()
        {
            var folder = Path.Combine(Path.GetTempPath(), "cx-empty-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return folder;
        }

        [Theory]
        [InlineData("validate")]
        [InlineData("pack")]
        [InlineData("generate")]
        public void A_folder_without_a_solution_source_is_refused_in_one_line(string verb)
        {
            var (code, output) = Run(RepositoryLayout.Find(), verb, "--no-build", "--source", EmptyFolder());

            Assert.Equal(2, code);
            Assert.Contains("error: no solution source at ", output);
            Assert.Contains("hint: pass --source the folder that holds Other/Solution.xml", output);
            Assert.DoesNotContain("Exception", output);
        }

        [Fact]
        public void Validate_without_the_schema_says_it_could_not_check_and_fails()
        {
            var withoutSchemas = new RepositoryLayout(RepositoryLayout.Find().Root, shared: EmptyFolder());

            var (code, output) = Run(withoutSchemas, "validate", "--no-build");

            Assert.Equal(1, code);
            Assert.Contains("the zips could not be checked against it", output);
            Assert.Contains("hint: pass --no-schema to check everything else.", output);
        }
    }
}
