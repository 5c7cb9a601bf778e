using System.Security.Cryptography;

namespace RoundtableManager.Core.Identity;

/// <summary>Generates passwords for demo and command-line accounts: 20 characters from a CSPRNG (about 115 bits).</summary>
public static class PasswordGenerator
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate(int length = 20)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        // Group in fours for readability when printed once to a console.
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }
}
