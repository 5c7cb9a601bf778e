namespace RoundtableManager.BrowserTests.Journeys;

public sealed class SignInJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_SignsIn_ReachesDashboardAndSignsOut() => JourneyAsync(nameof(Organiser_SignsIn_ReachesDashboardAndSignsOut), async page =>
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await GoToAsync(page, "/");
        Assert.EndsWith("/sign-in", page.Url, StringComparison.Ordinal);

        await SignInThroughFormsAsync(page, organiser);
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roundtables", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Signed in as Test Organiser")).ToBeVisibleAsync();
        // GOV.UK Frontend's JavaScript loaded and ran (it marks the body once initialised).
        await Assertions.Expect(page.Locator("body.govuk-frontend-supported")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
    });

    [Fact]
    public Task SignIn_Mistakes_ShowErrorSummaryThenLockout() => JourneyAsync(nameof(SignIn_Mistakes_ShowErrorSummaryThenLockout), async page =>
    {
        var staff = await App.CreateUserAsync(Roles.Staff);
        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter your email address");
        // GOV.UK Frontend's JavaScript ran under the Content Security Policy: it moves focus to the error summary.
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await CheckAccessibilityAsync(page);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GetByLabel("Email address").FillAsync(staff.Email);
            await page.GetByLabel("Password").FillAsync("a wrong password, attempt " + attempt);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Your account is locked because of too many failed sign-in attempts. Try again in 15 minutes");
        await CheckAccessibilityAsync(page);
    });

    [Fact]
    public Task NewStaffMember_SetsUpTwoFactorBeforeReachingDashboard() => JourneyAsync(nameof(NewStaffMember_SetsUpTwoFactorBeforeReachingDashboard), async page =>
    {
        var staff = await App.CreateUserAsync(Roles.Staff, twoFactor: false);
        await SignInThroughFormsAsync(page, staff);
        Assert.EndsWith("/account/two-factor/setup", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to add Roundtable Manager to your authenticator app" })).ToBeVisibleAsync();

        var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = Core.Identity.Totp.Compute(Core.Identity.Totp.DecodeKey(key), Core.Identity.Totp.TimeStep(App.Clock.GetUtcNow()));
        await page.GetByLabel("Security code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in is on" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".rtm-recovery-codes li")).ToHaveCountAsync(10);
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved my recovery codes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roundtables", Level = 1 })).ToBeVisibleAsync();
        await GoToAsync(page, "/account");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("On");
    });

    [Theory]
    [InlineData("/accessibility", "Accessibility statement for Roundtable Manager")]
    [InlineData("/privacy", "Privacy notice")]
    [InlineData("/cookies", "Cookies")]
    [InlineData("/signed-out", "You have signed out")]
    public Task PublicPage_ReadableWithoutSigningIn(string path, string heading) => JourneyAsync("public" + path.Replace('/', '-'), async page =>
    {
        await GoToAsync(page, path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Accessibility statement" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task Supplier_SignsIn_ReachesPortalAndErrorPagesAreAccessible() => JourneyAsync(nameof(Supplier_SignsIn_ReachesPortalAndErrorPagesAreAccessible), async page =>
    {
        var organisation = await App.CreateOrganisationAsync("Caerleon Cyber Cyf");
        var supplier = await App.CreateUserAsync(Roles.Supplier, organisation.Id);
        await SignInThroughFormsAsync(page, supplier);
        Assert.EndsWith("/portal", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Caerleon Cyber Cyf")).ToBeVisibleAsync();

        await GoToAsync(page, "/dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have permission to see this page" })).ToBeVisibleAsync();
        await GoToAsync(page, "/no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
    });
}
