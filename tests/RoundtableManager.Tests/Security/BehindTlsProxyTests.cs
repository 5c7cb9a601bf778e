using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Production behind a real TLS-terminating nginx (issue #16, findings 4 and 11): the app on real Kestrel over plain
/// HTTP, nginx in front with a self-signed certificate, clients on distinct loopback addresses.
/// </summary>
public sealed class BehindTlsProxyTests(BehindTlsProxyTests.ProxiedApp proxied) : IClassFixture<BehindTlsProxyTests.ProxiedApp>
{
    private const string Hsts = "max-age=31536000; includeSubDomains";

    [Fact]
    public async Task SignInThroughNginx_SecureHostCookiesHstsAndNoServerName()
    {
        var organiser = await proxied.App.CreateUserAsync(Roles.Organiser);
        using var browser = proxied.Proxy.ClientFrom(IPAddress.Parse("127.0.0.2"));

        using var page = await browser.GetAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(Hsts, page.Headers.GetValues("Strict-Transport-Security").Single());
        AssertSecureHostCookie(page, "__Host-RoundtableManager-Antiforgery=");

        using var password = await browser.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password });
        Assert.StartsWith("/sign-in/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var code = await browser.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = proxied.App.NextSecurityCode(organiser) });
        Assert.Equal("/", code.Headers.Location!.OriginalString);
        AssertSecureHostCookie(code, "__Host-RoundtableManager=");

        using var dashboard = await browser.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(Hsts, dashboard.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.DoesNotContain(dashboard.Headers.Server, s => s.Product?.Name.Contains("Kestrel", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task InvitationAnswerThroughNginx_CreatesTheAccountAndRecordsTheReply()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(proxied.App);
        var invited = await RsvpTestData.InviteAsync(proxied.App, roundtable, "Proxied", contacts: 1);
        var message = (await InvitationTestData.MessagesAsync(proxied.App, roundtable.Id)).Single(m => m.Kind == InvitationService.InvitationKind);
        using var supplier = proxied.Proxy.ClientFrom(IPAddress.Parse("127.0.0.6"));

        using var open = await supplier.GetAsync(new Uri(InvitationTestData.LinkPath(message), UriKind.Relative));
        Assert.Equal("/invitation", open.Headers.Location!.OriginalString);
        using var next = await supplier.GetAsync(new Uri("/invitation", UriKind.Relative));
        Assert.Equal("/invitation/account", next.Headers.Location!.OriginalString);
        using var created = await supplier.PostFormAsync("/invitation/account", "/invitation/account", new Dictionary<string, string>
        {
            ["Name"] = "Proxied Contact",
            ["Password"] = "lantern orchard velvet compass",
            ["ConfirmPassword"] = "lantern orchard velvet compass",
        });
        Assert.Equal($"/portal/invitations/{invited.InvitationId}", created.Headers.Location!.OriginalString);
        AssertSecureHostCookie(created, "__Host-RoundtableManager=");

        using var reply = await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Declined", [], agree: false, reason: "Another commitment that day");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(InvitationResponse.Declined, (await RsvpTestData.InvitationAsync(proxied.App, invited.InvitationId)).Response);
    }

    [Fact]
    public async Task RateLimits_BehindTheTrustedProxy_CountEachClientSeparately()
    {
        using var hammering = proxied.Proxy.ClientFrom(IPAddress.Parse("127.0.0.3"));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= ProxiedApp.SignInPerMinute; attempt++)
        {
            // What the client claims about itself is replaced by nginx, so it cannot step around the limit.
            using var request = await SignInRequestAsync(hammering);
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{attempt + 1}");
            using var response = await hammering.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(ProxiedApp.SignInPerMinute));

        // Another person behind the same proxy is not held back by the first.
        using var other = proxied.Proxy.ClientFrom(IPAddress.Parse("127.0.0.4"));
        using var otherRequest = await SignInRequestAsync(other);
        using var otherResponse = await other.SendAsync(otherRequest);
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_StraightFromAnUntrustedAddress_ChangeNothing()
    {
        using var direct = NginxProxy.CreateClient(IPAddress.Parse("127.0.0.5"), proxied.AppAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sign-in", UriKind.Relative));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        using var response = await direct.SendAsync(request);

        // Still plain HTTP as far as the app is concerned: the clear page, no cookie issued, no HSTS, and never a 500.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This service only works over a secure connection", (await response.ToDocumentAsync()).Heading());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        // (Clearing an empty message cookie is harmless; nothing is issued.)
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => !c.Split(';')[0].EndsWith('='));
        Assert.Empty(response.Headers.Server);

        using var health = await direct.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(health.Headers.Server);
    }

    private static async Task<HttpRequestMessage> SignInRequestAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/sign-in");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new HttpRequestMessage(HttpMethod.Post, new Uri("/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = $"nobody-{Guid.NewGuid():N}@example.gov.uk",
                ["Password"] = "not a password anyone has",
                ["__RequestVerificationToken"] = token,
            }),
        };
    }

    private static void AssertSecureHostCookie(HttpResponseMessage response, string prefix)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix, StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    /// <summary>The app in Production on real Kestrel, trusting only nginx's address (127.0.0.1), and nginx in front.</summary>
    public sealed class ProxiedApp : IAsyncLifetime
    {
        public const int SignInPerMinute = 3;

        public TestApp App { get; } = TestApp.Create("Production", new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["RateLimits:SignInPerMinute"] = SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        public NginxProxy Proxy { get; private set; } = null!;

        public Uri AppAddress { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            App.StartServer();
            AppAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Proxy = await NginxProxy.StartAsync(AppAddress.Port);
        }

        public async Task DisposeAsync()
        {
            if (Proxy is not null)
            {
                await Proxy.DisposeAsync();
            }

            await App.DisposeAsync();
        }
    }
}
