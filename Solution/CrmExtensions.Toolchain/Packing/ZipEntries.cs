using System;
using System.IO.Compression;
using System.Text;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>Zip entries with a fixed timestamp, so the same input packs to the same bytes.</summary>
    public static class ZipEntries
    {
        private static readonly DateTimeOffset Stamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static void Write(ZipArchive zip, string name, string text) => Write(zip, name, new UTF8Encoding(false).GetBytes(text));

        public static void Write(ZipArchive zip, string name, byte[] bytes)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = Stamp;
            using (var stream = entry.Open()) stream.Write(bytes, 0, bytes.Length);
        }
    }
}
