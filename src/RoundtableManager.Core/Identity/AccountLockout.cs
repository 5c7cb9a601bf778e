using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

/// <summary>How long a locked sign-in stays locked, for the "Try again in N minutes" answer, wherever sign-in is refused.</summary>
public static class AccountLockout
{
    /// <summary>
    /// The clock Identity stamps and checks an account's lockout with: the system clock, because UserManager takes no
    /// TimeProvider (dotnet/aspnetcore#62796). Unknown addresses are locked by the app's own clock
    /// (<see cref="UnknownAccountSignIns"/>), so each end must be measured against the clock that set it.
    /// </summary>
    public static TimeProvider IdentityClock => TimeProvider.System;

    /// <summary>Whole minutes left, at least 1 and at most the lockout period.</summary>
    public static int MinutesLeft(DateTimeOffset? lockoutEnd, TimeProvider stampedBy, TimeSpan lockoutPeriod)
    {
        ArgumentNullException.ThrowIfNull(stampedBy);
        var now = stampedBy.GetUtcNow();
        return Math.Clamp((int)Math.Ceiling(((lockoutEnd ?? now) - now).TotalMinutes), 1, Math.Max(1, (int)lockoutPeriod.TotalMinutes));
    }

    /// <summary>Minutes left on an account Identity has locked, measured by Identity's own clock.</summary>
    public static async Task<int> MinutesLeftAsync(this UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return MinutesLeft(await users.GetLockoutEndDateAsync(user), IdentityClock, users.Options.Lockout.DefaultLockoutTimeSpan);
    }
}
