using Microsoft.AspNetCore.DataProtection;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Carries an opened personal link (an invitation, a feedback request) on to the pages behind it without the token
/// staying in an address. The cookie holds the token's hash, encrypted for its own purpose and time-limited; the link
/// is checked again on every use, so revoking or replacing it takes effect at once.
/// </summary>
public abstract class LinkCookie(IDataProtectionProvider protection, IWebHostEnvironment environment, string purpose, string name, TimeSpan lifetime)
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    private string Name => environment.IsProduction() ? "__Host-" + name : name;

    public void Set(HttpContext context, string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, _protector.Protect(tokenHash, lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = environment.IsProduction() || context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    public string? Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Clear(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name, new CookieOptions { Path = "/", Secure = environment.IsProduction() || context.Request.IsHttps });
    }
}

/// <summary>An opened invitation link, on its way to account creation or sign-in.</summary>
public sealed class PendingInvitationCookie(IDataProtectionProvider protection, IWebHostEnvironment environment)
    : LinkCookie(protection, environment, "RoundtableManager.PendingInvitation.v1", "RoundtableManager-Invitation", Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
}

/// <summary>An opened feedback link, while the person fills in the form (long enough to write considered comments).</summary>
public sealed class FeedbackLinkCookie(IDataProtectionProvider protection, IWebHostEnvironment environment)
    : LinkCookie(protection, environment, "RoundtableManager.FeedbackLink.v1", "RoundtableManager-Feedback", Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);
}
