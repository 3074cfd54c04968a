using System;

namespace Microsoft.Xrm.Sdk.Workflow
{
    // The execution context a custom workflow activity reads through CodeActivityContext.GetExtension<IWorkflowContext>().
    public interface IWorkflowContext : IExecutionContext
    {
        string StageName { get; }
        int WorkflowCategory { get; }
        int WorkflowMode { get; }
        IWorkflowContext ParentContext { get; }
    }

    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class InputAttribute : Attribute
    {
        public InputAttribute(string name) { Name = name; }
        public string Name { get; }
    }

    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class OutputAttribute : Attribute
    {
        public OutputAttribute(string name) { Name = name; }
        public string Name { get; }
    }

    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class ReferenceTargetAttribute : Attribute
    {
        public ReferenceTargetAttribute(string entityName) { EntityName = entityName; }
        public string EntityName { get; }
    }

    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class DefaultAttribute : Attribute
    {
        public DefaultAttribute(string value) { Value = value; }
        public DefaultAttribute(string value, string entityName) : this(value) { EntityName = entityName; }
        public string Value { get; }
        public string EntityName { get; }
    }

    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class AttributeTargetAttribute : Attribute
    {
        public AttributeTargetAttribute(string entityName, string attributeName) { EntityName = entityName; AttributeName = attributeName; }
        public string EntityName { get; }
        public string AttributeName { get; }
    }
}
