namespace CrmExtensions.Domain.Json
{
    /// <summary>What a JSON value is, as the framework's JSON reader names it in its "type" attribute.</summary>
    internal enum JsonKind
    {
        String,
        Number,
        Boolean,
        Null,
        Object,
        Array,
    }
}
