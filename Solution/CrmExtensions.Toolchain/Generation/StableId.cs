using System;
using System.Security.Cryptography;
using System.Text;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>
    /// Ids of the components generated from declarations, derived from their names (RFC 4122 version 5), so a
    /// regenerated step, image, plug-in type or assembly keeps its id and an upgrade updates it instead of adding one.
    /// </summary>
    public static class StableId
    {
        private static readonly Guid Namespace = new Guid("3f0c6d1e-8f5a-4c2b-9a71-5d2e8b4c6a10");

        public static Guid For(string kind, string name)
        {
            var space = Namespace.ToByteArray();
            SwapToNetworkOrder(space);
            var text = Encoding.UTF8.GetBytes(kind + ":" + name);
            var input = new byte[space.Length + text.Length];
            Buffer.BlockCopy(space, 0, input, 0, space.Length);
            Buffer.BlockCopy(text, 0, input, space.Length, text.Length);
            byte[] hash;
            using (var sha1 = SHA1.Create()) hash = sha1.ComputeHash(input);
            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            SwapToNetworkOrder(bytes);
            return new Guid(bytes);
        }

        // Guid's byte array is little-endian in its first three fields; RFC 4122 hashes them big-endian.
        private static void SwapToNetworkOrder(byte[] guid)
        {
            Array.Reverse(guid, 0, 4);
            Array.Reverse(guid, 4, 2);
            Array.Reverse(guid, 6, 2);
        }
    }
}
