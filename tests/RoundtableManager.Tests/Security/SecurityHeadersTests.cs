namespace RoundtableManager.Tests.Security;

[Collection(SharedHosts.Actions)]
public sealed class SecurityHeadersTests
{
    private readonly TestApp _app;

    public SecurityHeadersTests(TestApp app) => _app = app;

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/accessibility")]
    [InlineData("/no-such-page")]
    public async Task Page_SendsStrictSecurityHeaders(string path)
    {
        using var client = _app.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'", csp);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", string.Join(' ', response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Nonce_DiffersOnEveryResponse()
    {
        using var client = _app.CreateBrowserLikeClient();
        using var first = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.NotEqual(first.Headers.GetValues("Content-Security-Policy").Single(), second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task SignedInPage_NotCached()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = await _app.SignedInClientAsync(staff);
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task StaticFile_MayBeCached()
    {
        using var client = _app.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/lib/govuk-frontend/govuk-frontend.min.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task Cookies_HttpOnlyAndSameSite()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff, twoFactor: false);
        using var client = _app.CreateBrowserLikeClient();
        var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("RoundtableManager-Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var signIn = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("RoundtableManager=", StringComparison.Ordinal));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What Production alone does, on the shared Production host: the tests only read headers and pages, each with its own client.</summary>
    [Collection(SharedHosts.Production)]
    public sealed class InProduction(ProductionApp production)
    {
        [Fact]
        public async Task Production_CookiesAreSecureAndHostPrefixed()
        {
            using var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://roundtables.example.gov.uk"), AllowAutoRedirect = false });
            using var response = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
            var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-RoundtableManager-Antiforgery=", StringComparison.Ordinal));
            Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("max-age=", string.Join(' ', response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Production_HstsCoversSubdomainsForAYear()
        {
            using var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://roundtables.example.gov.uk"), AllowAutoRedirect = false });
            using var response = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
            Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        }

        [Theory]
        [InlineData("GET", "/sign-in")]
        [InlineData("GET", "/invitation/" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
        [InlineData("POST", "/sign-in")]
        public async Task Production_PlainHttpWithoutATrustedProxy_ClearPageNever500(string method, string path)
        {
            using var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://roundtables.example.gov.uk"), AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await response.ToDocumentAsync();
            Assert.Equal("This service only works over a secure connection", page.Heading());
            Assert.NotNull(page.QuerySelector("link[rel=stylesheet]"));

            // Load balancers check health over plain HTTP.
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }
}
