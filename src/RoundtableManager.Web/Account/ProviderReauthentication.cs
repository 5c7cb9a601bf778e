using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;

namespace RoundtableManager.Web.Account;

/// <summary>
/// Re-authentication through the single sign-on provider, for people with no password here: the provider is asked to
/// sign them in again (prompt=login, max_age=0), and its answer counts only when it names the linked identity and its
/// auth_time is after the request was made (OpenID Connect requires auth_time whenever max_age is sent).
/// </summary>
public sealed class ProviderReauthentication(IDataProtectionProvider protection, TimeProvider time)
{
    public const string ReturnPath = "/account/sessions/signed-in-again";
    private const string UserItem = "rtm.reauth.user";
    private const string SessionsItem = "rtm.reauth.sessions";
    private const string StartedItem = "rtm.reauth.started";

    // The provider's clock and ours may differ a little.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private ITimeLimitedDataProtector Protector(string userId) =>
        protection.CreateProtector("EndSessionsThroughProvider", userId).ToTimeLimitedDataProtector();

    /// <summary>The selection, sealed for this person for 10 minutes, to carry in the confirmation link.</summary>
    public string Seal(string userId, IEnumerable<string> sessionIds) =>
        Protector(userId).Protect(string.Join('\n', sessionIds), TimeSpan.FromMinutes(10));

    public IReadOnlyList<string>? Unseal(string userId, string? sealedSelection)
    {
        if (string.IsNullOrEmpty(sealedSelection))
        {
            return null;
        }

        try
        {
            return Protector(userId).Unprotect(sealedSelection).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The challenge that makes the provider sign the person in again and come back to <see cref="ReturnPath"/>.</summary>
    public AuthenticationProperties Challenge(string userId, IReadOnlyCollection<string> sessionIds)
    {
        var properties = new OpenIdConnectChallengeProperties { RedirectUri = ReturnPath, Prompt = "login", MaxAge = TimeSpan.Zero };
        properties.Items[UserItem] = userId;
        properties.Items[SessionsItem] = string.Join('\n', sessionIds);
        properties.Items[StartedItem] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return properties;
    }

    /// <summary>True when a failed remote sign-in was one of these (so it goes back to the sessions page, not to sign-in).</summary>
    public static bool IsReauthentication(AuthenticationProperties? properties) => properties?.Items.ContainsKey(UserItem) == true;

    /// <summary>The sessions to end, or why the provider's answer does not count.</summary>
    public static ReauthenticationOutcome Check(AuthenticateResult external, string userId, string? linkedSubject)
    {
        ArgumentNullException.ThrowIfNull(external);
        var items = external.Properties?.Items;
        if (!external.Succeeded || items is null || !items.TryGetValue(UserItem, out var forUser) || forUser != userId
            || !items.TryGetValue(StartedItem, out var startedText) || !long.TryParse(startedText, CultureInfo.InvariantCulture, out var started)
            || ProviderIdentity.From(external.Principal!) is not { } identity)
        {
            return ReauthenticationOutcome.Refused("Signing in again did not finish. Nothing has been signed out.");
        }

        if (linkedSubject is null || identity.Subject != linkedSubject)
        {
            return ReauthenticationOutcome.Refused("You signed in again as a different person. Nothing has been signed out.");
        }

        if (AuthenticatedAt(external.Principal!) is not { } authTime || authTime < DateTimeOffset.FromUnixTimeSeconds(started) - ClockSkew)
        {
            return ReauthenticationOutcome.Refused("Your sign-in provider did not ask you to sign in again. Nothing has been signed out.");
        }

        var sessionIds = items.TryGetValue(SessionsItem, out var ids) ? (ids ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
        return new ReauthenticationOutcome(sessionIds, null);
    }

    private static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst("auth_time")?.Value, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}

public sealed record ReauthenticationOutcome(IReadOnlyList<string> SessionIds, string? Problem)
{
    public static ReauthenticationOutcome Refused(string problem) => new([], problem);
}
