using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace CrmExtensions.Domain.Tests.Json
{
    /// <summary>
    /// The fixture documents: NAME.json is a document as stored, NAME.parsed.txt every field the Newtonsoft-based code read
    /// from it, NAME.written.json what that code wrote back (only for hand-written documents; a written one comes back as is).
    /// </summary>
    internal static class JsonFixtures
    {
        /// <summary>The fixtures as copied beside the tests.</summary>
        public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Json", file));

        public static string ReadOrNull(string file) => file == null ? null : Read(file);

        /// <summary>The fixture folder in the source tree (for the generator).</summary>
        public static string SourceFolder([CallerFilePath] string here = null) => Path.GetDirectoryName(here);
    }
}
