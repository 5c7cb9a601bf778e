using Microsoft.AspNetCore.Identity;

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

        var page = await UnavailablePageAsync(start);
        Assert.Contains("sign in with your email address and password", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main a[href='/sign-in']"));
    }

    /// <summary>
    /// Someone with no password here ends their other sessions by signing in again at the provider. If its metadata is not
    /// usable when they follow "Continue" (the provider went wrong after they signed in, or the app restarted since), they
    /// get the same page as the sign-in page gives, pointing back to their sessions, and nothing is signed out.
    /// </summary>
    [Fact]
    public async Task SignInAgain_MetadataNamesAnotherIssuer_SamePageAsSignInAndNothingEnds()
    {
        // The provider here cannot be used, so the person signs in twice with a password and then becomes what a single
        // sign-on account is: a linked subject and no password (the hash cleared in place, so both sessions stay valid).
        var person = await host.App.CreateUserAsync(Roles.Staff, email: $"again-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}");
        using var here = await host.App.SignedInClientAsync(person);
        using var elsewhere = await host.App.SignedInClientAsync(person);
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(person.Id);
            Assert.True((await users.AddLoginAsync(user!, new UserLoginInfo(SingleSignOnOptions.Scheme, "subject-" + person.Id, "Test Department ID"))).Succeeded);
        }

        await host.App.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, (string?)null)));

        var sessions = await here.GetDocumentAsync("/account/sessions");
        Assert.Null(sessions.QuerySelector("input[name='Password']"));
        var otherSession = sessions.QuerySelector("input[name='SessionIds']")!.GetAttribute("value")!;
        using var confirm = await here.PostFormAsync("/account/sessions", "/account/sessions", new Dictionary<string, string> { ["SessionIds"] = otherSession });
        var signInAgain = await confirm.ToDocumentAsync();
        Assert.Equal("Sign in again with Test Department ID", signInAgain.Heading());
        var link = signInAgain.QuerySelector("a.govuk-button")!.GetAttribute("href")!;

        using var start = await here.GetAsync(new Uri(link, UriKind.Relative));

        var page = await UnavailablePageAsync(start);
        Assert.NotNull(page.QuerySelector("main a[href='/account/sessions']"));
        Assert.Null(page.QuerySelector("main a[href='/sign-in']"));

        using var stillSignedIn = await elsewhere.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.False(await host.App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.SubjectId == person.Id && a.Action == "Session.Ended")));
    }

    [Fact]
    public void Matches_IgnoresOnlyATrailingSlash()
    {
        Assert.True(Web.Account.IssuerCheckingRetriever.Matches("https://id.example.gov.uk/", "https://id.example.gov.uk"));
        Assert.False(Web.Account.IssuerCheckingRetriever.Matches("https://id.example.gov.uk/tenant-b", "https://id.example.gov.uk/tenant-a"));
        Assert.False(Web.Account.IssuerCheckingRetriever.Matches("https://ID.example.gov.uk", "https://id.example.gov.uk"));
        Assert.False(Web.Account.IssuerCheckingRetriever.Matches(null, "https://id.example.gov.uk"));
    }

    /// <summary>
    /// The page people get instead of the provider (503): nobody was sent there, no exception or provider address shows, and
    /// a page of its own says what went wrong and what to do, not the generic error page.
    /// </summary>
    private async Task<AngleSharp.Dom.IDocument> UnavailablePageAsync(HttpResponseMessage start)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Empty(host.Provider.AuthorizeRequests);
        var body = await start.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Provider.Authority, body, StringComparison.Ordinal);
        var page = await start.ToDocumentAsync();
        Assert.Equal("Signing in with Test Department ID is not working at the moment", page.Heading());
        Assert.Contains("we have not sent you there. Nothing has changed.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        return page;
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
