using Microsoft.AspNetCore.Identity;
using RoundtableManager.Web.Account;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// Single sign-on (issue #21, item 5) against a real OpenID Connect provider on 127.0.0.1 (OpenIddict): the code flow
/// with PKCE, who may sign in (an existing organiser or staff account by verified email at an allowed domain), and
/// the two-factor rule both ways.
/// </summary>
[Collection(SharedHosts.SingleSignOn)]
public sealed class SingleSignOnTests(SingleSignOnTests.Host host)
{
    public const string AllowedDomain = "sso.example.gov.uk";

    private TestApp App => host.App;

    private TestIdentityProvider Provider => host.Provider;

    [Fact]
    public async Task CodeFlowWithPkce_ProviderAssertsMfa_OrganiserSignedInWithoutTheAppsOwnCode()
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser, email: Address("mfa"), twoFactor: false);
        Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["pwd", "mfa"]);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client, returnUrl: "/actions");

        Assert.Equal(HttpStatusCode.Redirect, outcome.Final.StatusCode);
        Assert.Equal("/actions", outcome.Final.Headers.Location!.OriginalString);
        var request = SingleSignOnFlow.Query(outcome.AuthorizeRequest);
        Assert.Equal("code", request["response_type"]);
        Assert.Equal("S256", request["code_challenge_method"]);
        Assert.True(request["code_challenge"].Length >= 43, "a PKCE code challenge is sent");
        Assert.Equal("http://localhost/signin-oidc", request["redirect_uri"]);
        Assert.Contains("email", request["scope"].Split(' '));
        Assert.StartsWith("http://localhost/signin-oidc?code=", outcome.Callback.OriginalString, StringComparison.Ordinal);

        using (var actions = await client.GetAsync(new Uri("/actions", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, actions.StatusCode);
        }

        var (login, audit, sessions) = await App.WithDbAsync(async db => (
            await db.UserLogins.SingleAsync(l => l.UserId == organiser.Id),
            await db.AuditEvents.Where(a => a.SubjectId == organiser.Id).Select(a => a.Action + ": " + a.Summary).ToListAsync(),
            await db.UserSessions.CountAsync(s => s.UserId == organiser.Id)));
        Assert.Equal((SingleSignOnOptions.Scheme, "subject:" + organiser.Email.ToLowerInvariant()), (login.LoginProvider, login.ProviderKey));
        Assert.Contains("Account.SingleSignOnLinked: Account linked to a single sign-on identity at first sign-in", audit);
        Assert.Contains("SignIn.Succeeded: Signed in with single sign-on; the provider asserted multi-factor sign-in", audit);
        Assert.Equal(1, sessions);

        // The claims are rebuilt from the account once a minute (security stamp); the provider's assertion must survive.
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        using (var later = await client.GetAsync(new Uri("/actions", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }

        App.Clock.Advance(TimeSpan.FromMinutes(3));
        using (var sessionsPage = await client.GetAsync(new Uri("/account/sessions", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, sessionsPage.StatusCode);
        }

        using (var signOut = await client.PostFormAsync("/account", "/sign-out", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var afterSignOut = await client.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.StartsWith("/sign-in", afterSignOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == organiser.Id)));
    }

    [Fact]
    public async Task ProviderMfaSession_AfterAPasswordChangeRefreshesIt_StillNeedsNoAppCode()
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: Address("refresh"), twoFactor: false);
        Provider.NextUser = new ProviderUser(staff.Email, Amr: ["mfa"]);
        using var client = App.CreateBrowserLikeClient();
        using (var outcome = await SingleSignOnFlow.SignInAsync(client))
        {
            Assert.Equal("/", outcome.Final.Headers.Location!.OriginalString);
        }

        // The sign-in cookie is re-issued from the account (RefreshSignInAsync): the provider's assertion goes with it.
        using (var changed = await client.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = staff.Password,
            ["NewPassword"] = "harbour lantern quietly ninety",
            ["ConfirmPassword"] = "harbour lantern quietly ninety",
        }))
        {
            Assert.Equal("/account", changed.Headers.Location!.OriginalString);
        }

        using var actions = await client.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, actions.StatusCode);
    }

    [Fact]
    public async Task SecondSignIn_FindsTheAccountByTheLinkedSubject()
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: Address("again"), twoFactor: false);
        Provider.NextUser = new ProviderUser(staff.Email, Amr: ["mfa"]);
        using (var first = await SingleSignOnFlow.SignInAsync(App.CreateBrowserLikeClient()))
        {
            Assert.Equal("/", first.Final.Headers.Location!.OriginalString);
        }

        using var second = await SingleSignOnFlow.SignInAsync(App.CreateBrowserLikeClient());
        Assert.Equal("/", second.Final.Headers.Location!.OriginalString);
        Assert.Equal(1, await App.WithDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == staff.Id)));
    }

    [Fact]
    public async Task ProviderWithoutMfa_AccountWithAuthenticator_StillAsksForTheAppsCode()
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: Address("pwd-code"), twoFactor: true);
        Provider.NextUser = new ProviderUser(staff.Email, Amr: ["pwd"]);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client, returnUrl: "/actions");

        Assert.StartsWith("/sign-in/code", outcome.Final.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using (var notYet = await client.GetAsync(new Uri("/actions", UriKind.Relative)))
        {
            Assert.StartsWith("/sign-in", notYet.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var code = await client.PostFormAsync(outcome.Final.Headers.Location!.OriginalString, "/sign-in/code", new Dictionary<string, string>
        {
            ["Code"] = App.NextSecurityCode(staff),
            ["ReturnUrl"] = "/actions",
        });
        Assert.Equal("/actions", code.Headers.Location!.OriginalString);
        using var actions = await client.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, actions.StatusCode);
        var audit = await AuditAsync(staff.Id);
        Assert.Contains("SignIn.SingleSignOnAccepted", audit);
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.SubjectId == staff.Id && a.Action == "SignIn.Succeeded" && a.Summary == "Signed in with single sign-on and a security code")));
    }

    [Fact]
    public async Task ProviderWithoutMfa_AccountWithoutAuthenticator_MustSetOneUpBeforeAnything()
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser, email: Address("pwd-setup"), twoFactor: false);
        Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["pwd"]);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client);

        Assert.Equal("/", outcome.Final.Headers.Location!.OriginalString);
        foreach (var path in new[] { "/actions", "/hangfire", "/account/sessions" })
        {
            using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/account/two-factor/setup", page.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task EmailAtADomainNotAllowed_RefusedWithAPageAndNothingLinked()
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser, email: $"elsewhere-{Guid.NewGuid():N}@other.example.gov.uk", twoFactor: false);
        Provider.NextUser = new ProviderUser(organiser.Email);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client);

        var page = await AssertRefusedAsync(outcome);
        Assert.Contains(organiser.Email, page);
        Assert.Contains("@" + AllowedDomain, page);
        await AssertNotSignedInOrLinkedAsync(client, organiser.Id);
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "SignIn.Failed" && a.Summary == "Single sign-on refused: the email domain other.example.gov.uk is not allowed")));
    }

    [Fact]
    public async Task UnknownPerson_RefusedAndNoAccountIsMade()
    {
        var email = Address("stranger");
        Provider.NextUser = new ProviderUser(email, Amr: ["mfa"]);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client);

        var page = await AssertRefusedAsync(outcome);
        Assert.Contains("There is no organiser or staff account for", page);
        Assert.Contains("Signing in does not create an account", page);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
        using var anything = await client.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.StartsWith("/sign-in", anything.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupplierAccount_RefusedAndKeepsSigningInWithItsPassword()
    {
        var organisation = await App.CreateOrganisationAsync($"SSO Supplier {Guid.NewGuid():N}");
        var supplier = await App.CreateUserAsync(Roles.Supplier, organisation.Id, email: Address("supplier"));
        Provider.NextUser = new ProviderUser(supplier.Email, Amr: ["mfa"]);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client);

        Assert.Contains("Supplier contacts", await AssertRefusedAsync(outcome));
        await AssertNotSignedInOrLinkedAsync(client, supplier.Id);
        using var withPassword = await App.SignedInClientAsync(supplier);
        using var portal = await withPassword.GetAsync(new Uri("/portal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Fact]
    public async Task UnverifiedEmail_Refused()
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: Address("unverified"), twoFactor: false);
        Provider.NextUser = new ProviderUser(staff.Email, EmailVerified: false, Amr: ["mfa"]);
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client);

        Assert.Contains("has not confirmed that", await AssertRefusedAsync(outcome));
        await AssertNotSignedInOrLinkedAsync(client, staff.Id);
    }

    [Fact]
    public async Task DisabledOrLockedAccount_Refused()
    {
        var disabled = await App.CreateUserAsync(Roles.Staff, email: Address("disabled"), twoFactor: false);
        var locked = await App.CreateUserAsync(Roles.Organiser, email: Address("locked"), twoFactor: false);
        await App.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledUtc, DateTime.UtcNow));
            // Identity stamps and checks lockout with the system clock, not the app's (AccountLockout.IdentityClock).
            await db.Users.Where(u => u.Id == locked.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10)));
        });
        // The app's clock running ahead of the system's must not shorten the time the page gives.
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        Provider.NextUser = new ProviderUser(disabled.Email, Amr: ["mfa"]);
        using var first = App.CreateBrowserLikeClient();
        using (var outcome = await SingleSignOnFlow.SignInAsync(first))
        {
            Assert.Contains("has been closed", await AssertRefusedAsync(outcome));
        }

        await AssertNotSignedInOrLinkedAsync(first, disabled.Id);

        Provider.NextUser = new ProviderUser(locked.Email, Amr: ["mfa"]);
        using var second = App.CreateBrowserLikeClient();
        using (var outcome = await SingleSignOnFlow.SignInAsync(second))
        {
            Assert.Contains("Your account is locked because of too many failed sign-in attempts. Try again in 10 minutes", await AssertRefusedAsync(outcome));
        }

        await AssertNotSignedInOrLinkedAsync(second, locked.Id);
        Assert.Contains("SignIn.LockedOut", await AuditAsync(locked.Id));
    }

    [Fact]
    public async Task AnotherProviderIdentityWithTheSameAddress_IsRefused()
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser, email: Address("taken"), twoFactor: false);
        Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["mfa"]);
        using (var first = await SingleSignOnFlow.SignInAsync(App.CreateBrowserLikeClient()))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.Final.StatusCode);
        }

        Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["mfa"], Subject: "someone-else");
        using var client = App.CreateBrowserLikeClient();
        using var second = await SingleSignOnFlow.SignInAsync(client);

        Assert.Contains("is already linked to a different", await AssertRefusedAsync(second));
        using var page = await client.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.StartsWith("/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledAtTheProvider_ShowsAPageNotAnError()
    {
        Provider.NextUser = null;
        using var client = App.CreateBrowserLikeClient();

        using var outcome = await SingleSignOnFlow.SignInAsync(client);

        Assert.Equal("access_denied", SingleSignOnFlow.Query(outcome.Callback)["error"]);
        Assert.Equal(SingleSignOnController.FailedPath, outcome.Final.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(SingleSignOnController.FailedPath);
        Assert.Equal("Signing in with Test Department ID did not finish", page.Heading());

        // A forged or replayed callback is answered the same way.
        using var forged = await client.GetAsync(new Uri("/signin-oidc?code=forged&state=forged", UriKind.Relative));
        Assert.Equal(SingleSignOnController.FailedPath, forged.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInPage_OffersTheProvider()
    {
        using var client = App.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/sign-in");
        var button = page.QuerySelector("a.govuk-button[href='/sign-in/sso']");
        Assert.Equal("Sign in with Test Department ID", button?.TextContent.Trim());
    }

    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@{AllowedDomain}";

    private static async Task<string> AssertRefusedAsync(SingleSignOnFlow.Outcome outcome)
    {
        Assert.Equal(HttpStatusCode.Forbidden, outcome.Final.StatusCode);
        var document = await outcome.Final.ToDocumentAsync();
        Assert.Equal("You cannot sign in with Test Department ID", document.Heading());
        return document.QuerySelector("main")?.TextContent ?? document.Body!.TextContent;
    }

    private async Task AssertNotSignedInOrLinkedAsync(HttpClient client, string userId)
    {
        using var page = await client.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.StartsWith("/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId)));
        Assert.Equal(0, await App.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == userId)));
    }

    private Task<List<string>> AuditAsync(string userId) =>
        App.WithDbAsync(db => db.AuditEvents.Where(a => a.SubjectId == userId).Select(a => a.Action).ToListAsync());

    public sealed class Host : IAsyncLifetime
    {
        public TestIdentityProvider Provider { get; private set; } = null!;

        public TestApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await TestIdentityProvider.StartAsync();
            App = TestApp.Create(settings: Provider.AppSettings(AllowedDomain));
            await Provider.RegisterClientAsync(new Uri("http://localhost/signin-oidc"));
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }
}
