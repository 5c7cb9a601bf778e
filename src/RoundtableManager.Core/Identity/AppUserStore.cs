using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace RoundtableManager.Core.Identity;

/// <summary>
/// Identity's EF Core user store, except that recovery codes are kept only as salted PBKDF2 hashes (ASVS 6.5.2: a
/// lookup secret of under 112 bits, and Identity's codes have about 47, is stored like a password). Identity keeps them
/// in plain text in AspNetUserTokens, where anyone who reads the database could use them.
/// </summary>
/// <remarks>
/// One random 128-bit salt per set of codes, so checking a code costs one PBKDF2 derivation however many codes are
/// left, at the iteration count passwords use. A set stored in plain text before this change still works, and is
/// hashed at its first use.
/// </remarks>
public sealed class AppUserStore(AppDbContext context, IOptions<PasswordHasherOptions> hashing, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole, AppDbContext>(context, describer)
{
    private const string TokenProvider = "[AspNetUserStore]";
    private const string TokenName = "RecoveryCodes";
    private const string Format = "pbkdf2-sha512";

    public override async Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        var iterations = hashing.Value.IterationCount;
        var salt = RandomNumberGenerator.GetBytes(16);
        var hashes = recoveryCodes.Select(code => Convert.ToBase64String(Derive(code, salt, iterations)));
        var stored = string.Join('$', Format, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), string.Join(',', hashes));
        await SetTokenAsync(user, TokenProvider, TokenName, stored, cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, TokenProvider, TokenName, cancellationToken) ?? "";
        if (!TryParse(stored, out var iterations, out var salt, out var hashes))
        {
            // A set from before codes were hashed: Identity's own check, and the rest are hashed on the way back.
            var plain = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (!plain.Remove(code))
            {
                return false;
            }

            await ReplaceCodesAsync(user, plain, cancellationToken);
            return true;
        }

        var attempt = Derive(code, salt, iterations);
        var match = hashes.FindIndex(h => CryptographicOperations.FixedTimeEquals(h, attempt));
        if (match < 0)
        {
            return false;
        }

        hashes.RemoveAt(match);
        var remaining = string.Join('$', Format, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), string.Join(',', hashes.Select(Convert.ToBase64String)));
        await SetTokenAsync(user, TokenProvider, TokenName, remaining, cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, TokenProvider, TokenName, cancellationToken) ?? "";
        return TryParse(stored, out _, out _, out var hashes) ? hashes.Count : stored.Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static byte[] Derive(string code, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA512, 32);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out List<byte[]> hashes)
    {
        iterations = 0;
        salt = [];
        hashes = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Format || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations))
        {
            return false;
        }

        salt = Convert.FromBase64String(parts[2]);
        hashes = parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromBase64String).ToList();
        return true;
    }
}
