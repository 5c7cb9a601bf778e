namespace RoundtableManager.BrowserTests.Operations;

/// <summary>
/// Single sign-on in Chromium against a real OpenID Connect provider on 127.0.0.1 (OpenIddict): the browser follows
/// the authorization code flow with PKCE there and back. The app here has single sign-on configured, so it is its own.
/// </summary>
public sealed class SingleSignOnJourneyTests(BrowserFixture fixture, SingleSignOnJourneyTests.SsoApp sso, ITestOutputHelper output)
    : SingleSignOnJourneyBase(fixture, sso, output), IClassFixture<SingleSignOnJourneyTests.SsoApp>
{
    private const string Button = "Sign in with Test Department ID";

    [Fact]
    public Task Organiser_ProviderAssertsMfa_ReachesTheDashboardAndSessionsThenSignsOut() => JourneyAsync(nameof(Organiser_ProviderAssertsMfa_ReachesTheDashboardAndSessionsThenSignsOut), async page =>
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser, email: $"organiser-{Guid.NewGuid():N}@{Domain}", twoFactor: false);
        Sso.Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["pwd", "mfa"]);
        await GoToAsync(page, "/sign-in");
        await SaveScreenshotAsync(page, "sso-sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = Button, Exact = true }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roundtables", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
        var authorize = Sso.Provider.AuthorizeRequests[^1];
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Equal(new Uri(BaseAddress, "/signin-oidc").ToString(), authorize["redirect_uri"]);
        await CheckAccessibilityAsync(page);

        await GoToAsync(page, "/account/sessions");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("This browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await GoToAsync(page, "/dashboard");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
    });

    /// <summary>Someone with no password here signs out another session by signing in again at the provider (ASVS 7.5.2).</summary>
    [Fact]
    public Task SingleSignOnOnly_EndsAnotherSession_BySigningInAgainAtTheProvider() => JourneyAsync(nameof(SingleSignOnOnly_EndsAnotherSession_BySigningInAgainAtTheProvider), async page =>
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser, email: $"sso-only-{Guid.NewGuid():N}@{Domain}", twoFactor: false);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            Assert.True((await users.RemovePasswordAsync((await users.FindByIdAsync(organiser.Id))!)).Succeeded);
        }

        Sso.Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["mfa"]);
        // Another browser: the whole code flow by HTTP, following every redirect.
        using var elsewhere = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        elsewhere.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        using (var signedIn = await elsewhere.GetAsync(new Uri("/sign-in/sso", UriKind.Relative)))
        {
            Assert.EndsWith("/dashboard", signedIn.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        }

        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = Button, Exact = true }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roundtables", Level = 1 })).ToBeVisibleAsync();

        await GoToAsync(page, "/account/sessions");
        Assert.Equal(0, await page.Locator("input[name='Password']").CountAsync());
        await page.Locator("input[name='SessionIds']").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in again with Test Department ID", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sso-sign-in-again");

        Sso.Provider.NextUser = new ProviderUser(organiser.Email, Amr: ["mfa"]) { AuthenticatedAt = App.Clock.GetUtcNow() };
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to Test Department ID", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Signed out of 1 other session");
        Assert.EndsWith("/account/sessions", page.Url, StringComparison.Ordinal);
        Assert.Equal("login", Sso.Provider.AuthorizeRequests[^1]["prompt"]);
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sso-sessions-after");

        using var gone = await elsewhere.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.StartsWith("/sign-in", gone.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    });

    [Fact]
    public Task Staff_ProviderWithoutMfa_EntersTheAppsCode() => JourneyAsync(nameof(Staff_ProviderWithoutMfa_EntersTheAppsCode), async page =>
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: $"staff-{Guid.NewGuid():N}@{Domain}", twoFactor: true);
        Sso.Provider.NextUser = new ProviderUser(staff.Email, Amr: ["pwd"]);
        await GoToAsync(page, "/sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = Button, Exact = true }).ClickAsync(new() { Timeout = 60_000 });

        Assert.Contains("/sign-in/code", page.Url, StringComparison.Ordinal);
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Security code").FillAsync(App.NextSecurityCode(staff));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roundtables", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
    });

    [Fact]
    public Task UnknownPersonAndOtherDomain_SeeWhyTheyCannotSignIn() => JourneyAsync(nameof(UnknownPersonAndOtherDomain_SeeWhyTheyCannotSignIn), async page =>
    {
        Sso.Provider.NextUser = new ProviderUser($"new-starter-{Guid.NewGuid():N}@{Domain}", Amr: ["mfa"]);
        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = Button, Exact = true }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot sign in with Test Department ID" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Ask an organiser to add you");
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sso-refused-unknown");
        await page.SetViewportSizeAsync(375, 800);
        await SaveScreenshotAsync(page, "sso-refused-unknown-phone");
        await page.SetViewportSizeAsync(1280, 800);

        Sso.Provider.NextUser = new ProviderUser("someone@gmail.example", Amr: ["mfa"]);
        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = Button, Exact = true }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("@" + Domain);
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sso-refused-domain");

        Sso.Provider.NextUser = null;
        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = Button, Exact = true }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signing in with Test Department ID did not finish" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
    });

    /// <summary>The app and the provider it trusts, its discovery document and keys read before any journey's clock runs.</summary>
    public sealed class SsoApp() : SingleSignOnApp
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var warmUp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
            using var challenge = await warmUp.GetAsync(new Uri("/sign-in/sso", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        }
    }
}
