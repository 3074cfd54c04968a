using System;
using System.Security.Cryptography;
using System.Text;

namespace CrmExtensions.Domain
{
    /// <summary>
    /// Name-based GUIDs (RFC 4122 version 3 layout): the same name always gives the same id, so records the rules create
    /// (retention activities, detected losses) are created once however often an evaluation is retried or repeated.
    /// </summary>
    public static class NameBasedId
    {
        public static Guid Of(string name)
        {
            // One hasher per thread: creating one per id costs more than hashing, and the platform may run plugins in parallel.
            var md5 = _md5 ?? (_md5 = MD5.Create());
            var hash = md5.ComputeHash(Encoding.UTF8.GetBytes(name));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new Guid(hash);
        }

        [ThreadStatic] private static MD5 _md5;
    }
}
