namespace RoundtableManager.Tests.Identity;

[Collection(SharedHosts.Directory)]
public sealed class SignInTests
{
    private readonly TestApp _app;

    public SignInTests(TestApp app) => _app = app;

    [Fact]
    public async Task Dashboard_Anonymous_RedirectsToSignIn()
    {
        using var client = _app.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_Organiser_LandsOnDashboardWithNameInHeader()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = await _app.SignedInClientAsync(organiser);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/dashboard", home.Headers.Location!.OriginalString);
        var dashboard = await client.GetDocumentAsync("/dashboard");
        Assert.Equal("Roundtables", dashboard.Heading());
        Assert.Contains("Signed in as Test Organiser", dashboard.QuerySelector(".govuk-service-navigation")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_Supplier_LandsOnPortalAndCannotSeeDashboard()
    {
        var organisation = await _app.CreateOrganisationAsync($"Supplier {Guid.NewGuid():N}");
        var supplier = await _app.CreateUserAsync(Roles.Supplier, organisation.Id);
        using var client = await _app.SignedInClientAsync(supplier);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/portal", home.Headers.Location!.OriginalString);
        var portal = await client.GetDocumentAsync("/portal");
        Assert.Equal("Your invitations", portal.Heading());
        Assert.Contains(organisation.Name, portal.QuerySelector(".govuk-caption-l")!.TextContent, StringComparison.Ordinal);

        using var dashboard = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal("You do not have permission to see this page", (await dashboard.ToDocumentAsync()).Heading());
    }

    [Fact]
    public async Task Portal_Staff_Forbidden()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = await _app.SignedInClientAsync(staff);
        using var response = await client.GetAsync(new Uri("/portal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_EmptyForm_ShowsErrorSummaryLinkedToFields()
    {
        using var client = _app.CreateBrowserLikeClient();
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "", ["Password"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(["Enter your email address", "Enter your password"], page.ErrorSummary());
        Assert.Equal("#Email", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#Email-error"));
    }

    [Fact]
    public async Task SignIn_WrongPassword_KeepsEmailAndSaysSoWithoutNamingWhichWasWrong()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = _app.CreateBrowserLikeClient();
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = "not the right password at all" });
        var page = await response.ToDocumentAsync();
        Assert.Equal(["Enter a correct email address and password"], page.ErrorSummary());
        Assert.Equal(staff.Email, page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Password")!.GetAttribute("value"));

        using var unknown = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not the right password at all" });
        Assert.Equal(["Enter a correct email address and password"], (await unknown.ToDocumentAsync()).ErrorSummary());
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksAccountFor15Minutes()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = _app.CreateBrowserLikeClient();
        var wrong = new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = "wrong password, try again" };
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await client.PostFormAsync("/sign-in", "/sign-in", wrong);
            Assert.Equal(["Enter a correct email address and password"], (await failed.ToDocumentAsync()).ErrorSummary());
        }

        using var fifth = await client.PostFormAsync("/sign-in", "/sign-in", wrong);
        var locked = (await fifth.ToDocumentAsync()).ErrorSummary();
        Assert.Single(locked);
        Assert.StartsWith("Your account is locked because of too many failed sign-in attempts. Try again in 15 minutes", locked[0], StringComparison.Ordinal);

        // The right password does not get in while locked.
        using var right = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", (await right.ToDocumentAsync()).ErrorSummary().Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ReturnUrlElsewhere_IgnoredToPreventOpenRedirect()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff, twoFactor: false);
        using var client = _app.CreateBrowserLikeClient();
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string>
        {
            ["Email"] = staff.Email,
            ["Password"] = staff.Password,
            ["ReturnUrl"] = "https://evil.example/steal",
        });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = await _app.SignedInClientAsync(staff);
        using var signOut = await client.PostFormAsync("/dashboard", "/sign-out", new Dictionary<string, string>());
        Assert.Equal("/signed-out", signOut.Headers.Location!.OriginalString);
        using var after = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
