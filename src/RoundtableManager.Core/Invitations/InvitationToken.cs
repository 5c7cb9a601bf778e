using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RoundtableManager.Core.Invitations;

/// <summary>Personal invitation link tokens: 256 random bits, base64url in the link, only a SHA-256 hash in the database.</summary>
public static class InvitationToken
{
    public const int ByteLength = 32;

    /// <summary>Base64url of 32 bytes, without padding.</summary>
    public const int TextLength = 43;

    public static (string Token, string Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ByteLength));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>The token's hash, or null when it fails <see cref="LooksValid"/> (then it is treated exactly like an unknown token).</summary>
    public static string? HashIfWellFormed(string? token) => LooksValid(token) ? Hash(token!) : null;

    /// <summary>Cheap shape check before any database work; anything else is treated exactly like an unknown token.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: TextLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
