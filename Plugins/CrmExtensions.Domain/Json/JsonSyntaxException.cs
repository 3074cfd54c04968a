using System;

namespace CrmExtensions.Domain.Json
{
    /// <summary>A document that is not JSON, with where it stops being JSON (1-based, as editors count).</summary>
    internal sealed class JsonSyntaxException : FormatException
    {
        public JsonSyntaxException(string message, int line, int position) : base(message)
        {
            Line = line;
            Position = position;
        }

        public int Line { get; }
        public int Position { get; }
    }
}
