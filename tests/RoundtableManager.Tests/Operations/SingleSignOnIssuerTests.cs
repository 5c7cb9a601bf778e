namespace RoundtableManager.Tests.Operations;

/// <summary>
/// ASVS 10.5.3: the provider's metadata is accepted only when its issuer is the configured authority. The real
/// OpenIddict provider on 127.0.0.1 here names another issuer in its metadata, so nobody is sent to it to sign in.
/// </summary>
public sealed class SingleSignOnIssuerTests(SingleSignOnIssuerTests.Host host) : IClassFixture<SingleSignOnIssuerTests.Host>
{
    [Fact]
    public async Task Start_MetadataNamesAnotherIssuer_NobodyIsSentToTheProvider()
    {
        using var client = host.App.CreateBrowserLikeClient();
        using var start = await client.GetAsync(new Uri("/sign-in/sso", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Empty(host.Provider.AuthorizeRequests);
        var body = await start.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Provider.Authority, body, StringComparison.Ordinal);

        // A page of its own that says what went wrong and what to do, not the generic error page.
        var page = await start.ToDocumentAsync();
        Assert.Equal("Signing in with Test Department ID is not working at the moment", page.Heading());
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains("we have not sent you there. Nothing has changed.", main, StringComparison.Ordinal);
        Assert.Contains("sign in with your email address and password", main, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main a[href='/sign-in']"));
    }

    [Fact]
    public void Matches_IgnoresOnlyATrailingSlash()
    {
        Assert.True(Web.Account.IssuerCheckingRetriever.Matches("https://id.example.gov.uk/", "https://id.example.gov.uk"));
        Assert.False(Web.Account.IssuerCheckingRetriever.Matches("https://id.example.gov.uk/tenant-b", "https://id.example.gov.uk/tenant-a"));
        Assert.False(Web.Account.IssuerCheckingRetriever.Matches("https://ID.example.gov.uk", "https://id.example.gov.uk"));
        Assert.False(Web.Account.IssuerCheckingRetriever.Matches(null, "https://id.example.gov.uk"));
    }

    public sealed class Host : IAsyncLifetime
    {
        public TestIdentityProvider Provider { get; private set; } = null!;

        public TestApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await TestIdentityProvider.StartAsync(issuer: new Uri("http://127.0.0.1:9/another-issuer/"));
            App = TestApp.Create(settings: Provider.AppSettings(SingleSignOnTests.AllowedDomain));
            await Provider.RegisterClientAsync(new Uri("http://localhost/signin-oidc"));
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }
}
