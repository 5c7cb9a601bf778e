using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// Single sign-on in Production behind a real TLS-terminating nginx: the app on Kestrel over plain HTTP, the provider
/// over HTTPS (Production reads its metadata only over HTTPS). The redirect URI the provider is given must be the
/// public https address, and the flow's cookies must be Secure.
/// </summary>
public sealed class SingleSignOnBehindProxyTests(SingleSignOnBehindProxyTests.ProxiedSso proxied) : IClassFixture<SingleSignOnBehindProxyTests.ProxiedSso>
{
    private const string Domain = "proxied.example.gov.uk";

    [Fact]
    public async Task CodeFlowThroughNginx_RedirectUriIsHttpsAndEveryCookieSecure()
    {
        var organiser = await proxied.App.CreateUserAsync(Roles.Organiser, email: $"proxied-{Guid.NewGuid():N}@{Domain}", twoFactor: false);
        proxied.Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["pwd", "mfa"]);
        using var browser = proxied.Proxy.ClientFrom(IPAddress.Parse("127.0.0.4"));

        using var outcome = await SingleSignOnFlow.SignInAsync(browser, providerHandler: proxied.Provider.TrustingHandler(allowAutoRedirect: false));

        var publicCallback = $"https://{NginxProxy.HostName}:{proxied.Proxy.Port}/signin-oidc";
        Assert.Equal(publicCallback, SingleSignOnFlow.Query(outcome.AuthorizeRequest)["redirect_uri"]);
        Assert.StartsWith(publicCallback + "?code=", outcome.Callback.OriginalString, StringComparison.Ordinal);
        var flowCookies = outcome.StartCookies.Where(c => c.StartsWith(".AspNetCore.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, flowCookies.Count);
        Assert.All(flowCookies, cookie =>
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal("/", outcome.Final.Headers.Location!.OriginalString);
        var session = outcome.Final.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-RoundtableManager=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);

        using var dashboard = await browser.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    public sealed class ProxiedSso : IAsyncLifetime
    {
        public TestIdentityProvider Provider { get; private set; } = null!;

        public TestApp App { get; private set; } = null!;

        public NginxProxy Proxy { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await TestIdentityProvider.StartAsync(https: true);
            var settings = Provider.AppSettings(Domain);
            settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
            App = TestApp.Create("Production", settings);
            // The provider's certificate is self-signed: the app's back channel (metadata, keys, token) trusts it here.
            App.ConfigureTestServices = services => services.Configure<OpenIdConnectOptions>(
                SingleSignOnOptions.Scheme, options => options.BackchannelHttpHandler = Provider.TrustingHandler());
            App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            App.StartServer();
            var address = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Proxy = await NginxProxy.StartAsync(address.Port);
            await Provider.RegisterClientAsync(new Uri($"https://{NginxProxy.HostName}:{Proxy.Port}/signin-oidc"));
        }

        public async Task DisposeAsync()
        {
            if (Proxy is not null)
            {
                await Proxy.DisposeAsync();
            }

            await App.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }
}
