using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

public sealed record UnknownSignInOutcome(bool LockedOut, DateTimeOffset? LockoutEnd);

/// <summary>
/// A failed sign-in for an address with no usable account, made indistinguishable from a wrong password for a real
/// one: the same password-hashing work (a wrong password costs one PBKDF2 verification), and the same lockout after the
/// same number of failures, during which, as for a real locked account, no password is checked.
/// </summary>
public sealed class UnknownAccountSignIns(AppDbContext db, IPasswordHasher<ApplicationUser> hasher, IOptions<IdentityOptions> identity, TimeProvider time)
{
    /// <summary>Rows untouched for this long are pruned (a real account's count never expires; 30 days is the trade-off).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private static readonly ApplicationUser Nobody = new();

    /// <summary>One hash per hasher (so per app), made by it, so its cost follows the hasher's own settings.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPasswordHasher<ApplicationUser>, string> DummyHashes = [];

    public async Task<UnknownSignInOutcome> FailAsync(string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = time.GetUtcNow().UtcDateTime;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("sign-in:" + email.Trim().ToUpperInvariant())));
        var row = await db.UnknownAccountSignIns.SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (row?.LockoutEndUtc is { } lockedUntil && lockedUntil > now)
        {
            return new UnknownSignInOutcome(true, new DateTimeOffset(lockedUntil, TimeSpan.Zero));
        }

        SpendPasswordCheck(password);
        if (row is null)
        {
            row = new UnknownAccountSignIn { Key = key };
            db.UnknownAccountSignIns.Add(row);
            await db.UnknownAccountSignIns.Where(r => r.LastFailureUtc < now - KeptFor).ExecuteDeleteAsync(cancellationToken);
        }

        row.LastFailureUtc = now;
        row.FailedCount++;
        var lockout = identity.Value.Lockout;
        if (row.FailedCount >= lockout.MaxFailedAccessAttempts)
        {
            // As Identity does for an account: lock, and start counting again from nothing.
            row.LockoutEndUtc = now + lockout.DefaultLockoutTimeSpan;
            row.FailedCount = 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two failures for one address at the same moment: one of them is counted.
            db.ChangeTracker.Clear();
        }

        return row.LockoutEndUtc is { } end && end > now
            ? new UnknownSignInOutcome(true, new DateTimeOffset(end, TimeSpan.Zero))
            : new UnknownSignInOutcome(false, null);
    }

    /// <summary>One password verification against a hash made with the app's own hasher, as a wrong password costs.</summary>
    public void SpendPasswordCheck(string password)
    {
        var dummyHash = DummyHashes.GetValue(hasher, h => h.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
        hasher.VerifyHashedPassword(Nobody, dummyHash, password ?? "");
    }
}
