using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace RoundtableManager.Core.Identity;

/// <summary>
/// Server-side sessions for the sign-in cookie (<see cref="UserSession"/>). Each request costs one primary-key lookup;
/// sign-out deletes the row, so a copy of the cookie taken before is useless at once. A session ends after
/// <see cref="SignInSessionOptions.IdleTimeout"/> without use and, however much it is used,
/// <see cref="SignInSessionOptions.AbsoluteLifetime"/> after sign-in. Expired rows are pruned on sign-in.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<SignInSessionOptions> options, TimeProvider time) : ITicketStore
{
    /// <summary>HttpContext.Items key holding the current request's session id (the row's <see cref="UserSession.Id"/>).</summary>
    public const string CurrentSessionItem = "RoundtableManager.SessionId";

    /// <summary>Ticket property holding when the session must end whatever happens (round-trip UTC).</summary>
    private const string AbsoluteExpiryProperty = ".rtm.absolute-expiry";

    private readonly TicketDataFormat _format = new(protection.CreateProtector("RoundtableManager.UserSessions"));

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var absoluteEnd = now + options.Value.AbsoluteLifetime;
        ticket.Properties.Items[AbsoluteExpiryProperty] = absoluteEnd.ToString("O", CultureInfo.InvariantCulture);
        var expires = CapExpiry(ticket, absoluteEnd);
        var session = new UserSession
        {
            Id = Hash(key),
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            Ticket = Encoding.ASCII.GetBytes(_format.Protect(ticket)),
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = expires,
            Device = DeviceDescription.From(httpContext?.Request.Headers.UserAgent.ToString()),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var oldestAllowed = now - options.Value.AbsoluteLifetime;
        await db.UserSessions.Where(s => s.ExpiresUtc < now || s.CreatedUtc < oldestAllowed).ExecuteDeleteAsync(cancellationToken);
        httpContext?.Items[CurrentSessionItem] = session.Id;
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Hash(key);
        var now = time.GetUtcNow().UtcDateTime;
        var absoluteEnd = ticket.Properties.Items.TryGetValue(AbsoluteExpiryProperty, out var stored)
            && DateTime.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : now + options.Value.AbsoluteLifetime;
        var expires = CapExpiry(ticket, absoluteEnd);
        var protectedTicket = Encoding.ASCII.GetBytes(_format.Protect(ticket));
        await using var scope = scopes.CreateAsyncScope();
        // Only an existing session is renewed: one signed out in the meantime stays signed out.
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Ticket, protectedTicket).SetProperty(x => x.ExpiresUtc, expires).SetProperty(x => x.LastSeenUtc, now),
                cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserSessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.ExpiresUtc, s.CreatedUtc })
            .SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        // The absolute limit is checked against the setting as it is now, so shortening it takes effect at once.
        if (session is null || session.ExpiresUtc < now || session.CreatedUtc + options.Value.AbsoluteLifetime <= now)
        {
            return null;
        }

        httpContext?.Items[CurrentSessionItem] = id;
        return _format.Unprotect(Encoding.ASCII.GetString(session.Ticket));
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The cookie handler slides the expiry on each renewal; it never passes the absolute end.</summary>
    private static DateTime? CapExpiry(AuthenticationTicket ticket, DateTime absoluteEnd)
    {
        var end = new DateTimeOffset(DateTime.SpecifyKind(absoluteEnd, DateTimeKind.Utc));
        if (ticket.Properties.ExpiresUtc is null || ticket.Properties.ExpiresUtc > end)
        {
            ticket.Properties.ExpiresUtc = end;
        }

        return ticket.Properties.ExpiresUtc?.UtcDateTime;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key ?? "")));
}
