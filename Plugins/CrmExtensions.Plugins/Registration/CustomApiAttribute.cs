using System;

namespace CrmExtensions.Plugins.Registration
{
    /// <summary>
    /// Registers the plug-in class this decorates as the main operation of a Custom API whose contract (names and types
    /// of every parameter, binding) is <see cref="Request"/>. Solution/src/customapis is generated from the two, and the
    /// CLI's validate fails when the committed files differ.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class CustomApiAttribute : Attribute
    {
        public CustomApiAttribute(Type request, string displayName, string description)
        {
            Request = request;
            DisplayName = displayName;
            Description = description;
        }

        /// <summary>The contract class, a CustomApiRequest&lt;TResponse&gt;.</summary>
        public Type Request { get; }
        public string DisplayName { get; }
        public string Description { get; }

        /// <summary>A function is called with GET and may not change data.</summary>
        public bool IsFunction { get; set; }

        /// <summary>Privilege a caller must hold; null lets anyone call it.</summary>
        public string ExecutePrivilege { get; set; }
    }
}
