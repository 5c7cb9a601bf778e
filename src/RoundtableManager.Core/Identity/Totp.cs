using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RoundtableManager.Core.Identity;

/// <summary>RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps make them.</summary>
public static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>
    /// Steps either side of the current one whose codes are still accepted: none. ASVS 5.0 (6.5.5) gives a TOTP at most
    /// 30 seconds, so a code works only during its own step; a step either side (the common allowance for phone clock
    /// drift) would let one code work for 90 seconds.
    /// </summary>
    public const int AcceptedStepsEitherSide = 0;

    public static long TimeStep(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Compute(byte[] key, long step, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1 here; its use in HMAC is not broken.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>Finds the step (within <paramref name="window"/> steps of now, for clock drift) whose code matches.</summary>
    public static bool TryMatch(byte[] key, string code, long currentStep, int window, out long matchedStep)
    {
        matchedStep = 0;
        for (var delta = -window; delta <= window; delta++)
        {
            var candidate = Compute(key, currentStep + delta);
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(candidate), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                matchedStep = currentStep + delta;
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes the Base32 authenticator key Identity stores (RFC 4648 alphabet, no padding).</summary>
    public static byte[] DecodeKey(string base32)
    {
        ArgumentNullException.ThrowIfNull(base32);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = base32.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var output = new byte[clean.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not Base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return output;
    }
}
