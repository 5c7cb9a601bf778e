using Microsoft.AspNetCore.DataProtection;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Carries an opened invitation link from its page to account creation or sign-in without the token staying in an
/// address. The cookie holds the token's hash, encrypted and time-limited; the link is checked again on every use,
/// so revoking or replacing it takes effect at once.
/// </summary>
public sealed class PendingInvitationCookie(IDataProtectionProvider protection, IWebHostEnvironment environment)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("RoundtableManager.PendingInvitation.v1").ToTimeLimitedDataProtector();

    private string Name => environment.IsProduction() ? "__Host-RoundtableManager-Invitation" : "RoundtableManager-Invitation";

    public void Set(HttpContext context, string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, _protector.Protect(tokenHash, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = environment.IsProduction() || context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = Lifetime,
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
