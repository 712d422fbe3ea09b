using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Elumenta.Core.Accounts;

/// <summary>Secrets handed to a client once (refresh tokens, mailed links): 32 random bytes, only their SHA-256 stored.</summary>
public static class OneTimeTokens
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
