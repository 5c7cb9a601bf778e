using System.Security.Claims;

namespace RoundtableManager.Core.Identity;

/// <summary>Claims on the sign-in cookie that say two-factor sign-in is satisfied, and why.</summary>
public static class TwoFactorClaims
{
    /// <summary>Two-factor sign-in is satisfied (the account's authenticator, or the provider's multi-factor check).</summary>
    public const string Satisfied = "rtm:2fa";

    /// <summary>This session's second factor was asserted by the single sign-on provider (amr), not by this app.</summary>
    public const string ByProvider = "rtm:2fa-by-provider";

    public static IReadOnlyList<Claim> ForProviderMultiFactor() => [new(Satisfied, "true"), new(ByProvider, "true")];

    /// <summary>
    /// The claims principal is rebuilt from the account when the security stamp is checked or the session refreshed; a
    /// second factor the provider asserted is a fact about this sign-in, not the account, so it is carried over.
    /// </summary>
    public static void CarryOver(ClaimsPrincipal? from, ClaimsPrincipal to)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (from?.HasClaim(ByProvider, "true") != true || to.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        foreach (var claim in ForProviderMultiFactor().Where(c => !to.HasClaim(c.Type, c.Value)))
        {
            identity.AddClaim(claim);
        }
    }
}
