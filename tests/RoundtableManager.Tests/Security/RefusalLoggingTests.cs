using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// A refused request leaves one Warning line in the application log (ASVS 16.3.2, 16.3.3) naming the route as written in
/// the code, the account id and the client address, and nothing the request carried: no cookie, token or path value.
/// </summary>
public sealed class RefusalLoggingTests
{
    private const string ClientAddress = "203.0.113.57";

    [Fact]
    public async Task Refusals_ForbiddenTooManyAndBadAntiforgery_EachLoggedWithRouteUserAndAddressButNoSecret()
    {
        var seen = new ConcurrentBag<string>();
        await using var app = new LoggingTestApp(new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "5" });
        app.ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(new ClientAndCookieRecorder(seen));

        // 403: staff on an organiser-only route, with a record id in the path.
        var staff = await app.CreateUserAsync(Roles.Staff);
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        using var staffClient = await app.SignedInClientAsync(staff);
        using (var forbidden = await staffClient.GetAsync(new Uri($"/users/{organiser.Id}/role", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var line = Assert.Single(Refusals(app), l => l.Contains(" 403", StringComparison.Ordinal));
        Assert.Contains("Warning: Refused GET /users/{id}/role with 403: forbidden, needs role Organiser", line, StringComparison.Ordinal);
        Assert.Contains($"user {staff.Id}, client {ClientAddress}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(organiser.Id, line, StringComparison.Ordinal);

        // 400: a post whose antiforgery token is not the one issued.
        using var stranger = app.CreateBrowserLikeClient();
        (await stranger.GetAsync(new Uri("/sign-in", UriKind.Relative))).Dispose();
        const string ForgedToken = "CfDJ8forged-token-value-that-must-not-be-logged";
        using (var forged = await stranger.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = staff.Email,
            ["Password"] = "wrong password typed here",
            ["__RequestVerificationToken"] = ForgedToken,
        })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        line = Assert.Single(Refusals(app), l => l.Contains(" 400", StringComparison.Ordinal));
        Assert.Contains("Warning: Refused POST /sign-in with 400: antiforgery token missing or not valid; user anonymous", line, StringComparison.Ordinal);
        Assert.Contains($"client {ClientAddress}", line, StringComparison.Ordinal);
        seen.Add(ForgedToken);
        seen.Add("wrong password typed here");

        // 429: sign-in attempts from this address (the staff sign-in above counted too) until the limit; the attempts
        // allowed are not refusals and leave no line.
        var wrong = new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a password anyone has" };
        var statuses = new List<HttpStatusCode>();
        while (statuses.Count < 10 && !statuses.Contains(HttpStatusCode.TooManyRequests))
        {
            using var attempt = await stranger.PostFormAsync("/sign-in", "/sign-in", wrong);
            statuses.Add(attempt.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, statuses.Count - 1), HttpStatusCode.TooManyRequests], statuses);
        line = Assert.Single(Refusals(app), l => l.Contains(" 429", StringComparison.Ordinal));
        Assert.Contains($"Warning: Refused POST /sign-in with 429: rate limit '{RateLimits.SignIn}' reached; user anonymous, client {ClientAddress}", line, StringComparison.Ordinal);

        // 404 from an invitation link: the route's pattern, never the token in the path.
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using (var unknown = await stranger.GetAsync(new Uri("/invitation/" + token, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        line = Assert.Single(Refusals(app), l => l.Contains(" 404", StringComparison.Ordinal));
        Assert.Contains("Refused GET /invitation/{token} with 404: invitation link not valid", line, StringComparison.Ordinal);
        seen.Add(token);

        // Every cookie the browsers sent or were given (sign-in, antiforgery, session), every token: in no log line.
        Assert.Equal(4, Refusals(app).Count);
        Assert.True(seen.Count > 5, "the recorder saw the cookies");
        foreach (var secret in seen.Where(s => s.Length >= 16 || s.Contains(' ', StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(app.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static List<string> Refusals(LoggingTestApp app) =>
        app.Lines.Where(l => l.StartsWith(RefusalLogging.Category + " ", StringComparison.Ordinal)).ToList();

    /// <summary>Gives each request a client address (the test server has none) and keeps every cookie value sent or set.</summary>
    private sealed class ClientAndCookieRecorder(ConcurrentBag<string> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress);
                foreach (var cookie in context.Request.Cookies)
                {
                    seen.Add(cookie.Value);
                }

                context.Response.OnStarting(() =>
                {
                    foreach (var header in context.Response.Headers.SetCookie)
                    {
                        var value = header?.Split(';')[0].Split('=', 2) is [_, var v] ? v : "";
                        if (value.Length > 0)
                        {
                            seen.Add(value);
                        }
                    }

                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
