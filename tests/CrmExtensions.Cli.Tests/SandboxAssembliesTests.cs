using System.Reflection;
using CrmExtensions.Cli.Validation;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class SandboxAssembliesTests
    {
        [Theory]
        [InlineData("mscorlib, Version=4.0.0.0, PublicKeyToken=b77a5c561934e089")]
        [InlineData("System.Runtime.Serialization, Version=4.0.0.0, PublicKeyToken=b77a5c561934e089")]
        [InlineData("System.ServiceModel, Version=4.0.0.0, PublicKeyToken=b77a5c561934e089")]
        [InlineData("System.Runtime, Version=4.0.20.0, PublicKeyToken=b03f5f7f11d50a3a")]
        [InlineData("Microsoft.Xrm.Sdk, Version=9.0.0.0, PublicKeyToken=31bf3856ad364e35")]
        [InlineData("Microsoft.Xrm.Sdk.Workflow, Version=9.0.0.0, PublicKeyToken=31bf3856ad364e35")]
        public void The_framework_and_microsofts_sdk_are_there(string reference) => Assert.Null(SandboxAssemblies.Refusal(new AssemblyName(reference)));

        [Theory]
        [InlineData("System.ValueTuple, Version=4.0.3.0, PublicKeyToken=cc7b13ffcd2ddd51", "neither part of the .NET Framework 4.6.2 nor the Dataverse SDK")]
        [InlineData("Newtonsoft.Json, Version=13.0.0.0, PublicKeyToken=30ad4fe6b2a6aeed", "neither part of the .NET Framework 4.6.2 nor the Dataverse SDK")]
        [InlineData("System.Text.Json, Version=6.0.0.0, PublicKeyToken=cc7b13ffcd2ddd51", "neither part of the .NET Framework 4.6.2 nor the Dataverse SDK")]
        [InlineData("System.Runtime, Version=4.2.2.0, PublicKeyToken=b03f5f7f11d50a3a", "is not the .NET Framework 4.6.2's")]
        [InlineData("Microsoft.Xrm.Sdk, Version=9.0.0.0, PublicKeyToken=0123456789abcdef", "not Microsoft's signed SDK")]
        public void What_the_sandbox_lacks_is_refused_with_the_reason(string reference, string reason) =>
            Assert.Contains(reason, SandboxAssemblies.Refusal(new AssemblyName(reference)));
    }
}
