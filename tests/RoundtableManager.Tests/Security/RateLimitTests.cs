using System.Net;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneAddress_429WithRetryAfterAndGovUkPage()
    {
        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var client = app.CreateBrowserLikeClient();
        var wrong = new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a password anyone has" };
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostFormAsync("/sign-in", "/sign-in", wrong);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("Too many attempts", (await refused.ToDocumentAsync()).Heading());

        // Reading the page is not limited: only attempts are.
        using var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
