using System.Text.RegularExpressions;

namespace RoundtableManager.Tests.Identity;

[Collection(SharedHosts.Directory)]
public sealed partial class UserAdministrationTests
{
    private readonly TestApp _app;

    public UserAdministrationTests(TestApp app) => _app = app;

    [Fact]
    public async Task AddStaff_EmailsOneTimeLink_PersonSetsPasswordThenMustSetUpTwoFactor()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = await _app.SignedInClientAsync(organiser);
        var email = $"new.staff.{Guid.NewGuid():N}@example.gov.uk";
        using var added = await client.PostFormAsync("/users/new", "/users/new", new Dictionary<string, string> { ["Name"] = "Nia Newstaff", ["Email"] = email, ["Role"] = Roles.Staff });
        Assert.Equal("/users", added.Headers.Location!.OriginalString);
        var list = await client.GetDocumentAsync("/users");
        Assert.Contains("Nia Newstaff has been added", list.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Invited", list.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);

        var link = await SetPasswordLinkAsync(email);
        using var person = _app.CreateBrowserLikeClient();
        // Opening the link (as a mail scanner would, twice) uses nothing up and moves the token out of the address.
        for (var i = 0; i < 2; i++)
        {
            using var opened = await person.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
            Assert.Equal("/account/set-password", opened.Headers.Location!.OriginalString);
        }

        using var form = await person.GetAsync(new Uri("/account/set-password", UriKind.Relative));
        Assert.Equal("no-referrer", form.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("Set your password", (await form.ToDocumentAsync()).Heading());

        using var weak = await person.PostFormAsync("/account/set-password", "/account/set-password", new Dictionary<string, string> { ["Password"] = "password1234", ["ConfirmPassword"] = "password1234" });
        Assert.Contains("on a list of common passwords", (await weak.ToDocumentAsync()).ErrorSummary().Single(), StringComparison.Ordinal);
        using var mismatch = await person.PostFormAsync("/account/set-password", "/account/set-password", new Dictionary<string, string> { ["Password"] = "copper heron mountain tide", ["ConfirmPassword"] = "copper heron mountain" });
        Assert.Equal(["The passwords do not match"], (await mismatch.ToDocumentAsync()).ErrorSummary());

        using var set = await person.PostFormAsync("/account/set-password", "/account/set-password", new Dictionary<string, string> { ["Password"] = "copper heron mountain tide", ["ConfirmPassword"] = "copper heron mountain tide" });
        Assert.Equal("/sign-in", set.Headers.Location!.OriginalString);

        using var signIn = await person.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "copper heron mountain tide" });
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        using var dashboard = await person.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal("/account/two-factor/setup", dashboard.Headers.Location!.OriginalString);

        // The link worked once.
        using var reuse = _app.CreateBrowserLikeClient();
        await reuse.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Equal("This link is not valid", (await reuse.GetDocumentAsync("/account/set-password")).Heading());
    }

    [Fact]
    public async Task AddUser_BadInput_ExplainsAndCreatesNothing()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = await _app.SignedInClientAsync(organiser);
        using var empty = await client.PostFormAsync("/users/new", "/users/new", new Dictionary<string, string> { ["Name"] = "", ["Email"] = "not-an-email" });
        var page = await empty.ToDocumentAsync();
        Assert.Equal(["Enter the person’s full name", "Enter an email address in the correct format, like name@example.gov.uk", "Select organiser or staff"], page.ErrorSummary());
        Assert.Equal("not-an-email", page.QuerySelector("#Email")!.GetAttribute("value"));

        using var duplicate = await client.PostFormAsync("/users/new", "/users/new", new Dictionary<string, string> { ["Name"] = "Copy", ["Email"] = organiser.Email.ToUpperInvariant(), ["Role"] = Roles.Staff });
        Assert.Equal(["There is already an account with this email address"], (await duplicate.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "not-an-email")));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Supplier)]
    public async Task UserPages_NotOrganiser_Forbidden(string role)
    {
        int? organisationId = role == Roles.Supplier ? (await _app.CreateOrganisationAsync($"Org {Guid.NewGuid():N}")).Id : null;
        var user = await _app.CreateUserAsync(role, organisationId);
        using var client = await _app.SignedInClientAsync(user);
        foreach (var path in new[] { "/users", "/users/new", $"/users/{user.Id}/role", $"/users/{user.Id}/disable" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task ChangeRole_StaffBecomesOrganiser_ButNobodyDemotesThemselves()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = await _app.SignedInClientAsync(organiser);
        using var promoted = await client.PostFormAsync($"/users/{staff.Id}/role", $"/users/{staff.Id}/role", new Dictionary<string, string> { ["Role"] = Roles.Organiser });
        Assert.Equal("/users", promoted.Headers.Location!.OriginalString);
        using var staffClient = await _app.SignedInClientAsync(staff);
        using var usersPage = await staffClient.GetAsync(new Uri("/users", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, usersPage.StatusCode);

        using var self = await client.PostFormAsync($"/users/{organiser.Id}/role", $"/users/{organiser.Id}/role", new Dictionary<string, string> { ["Role"] = Roles.Staff });
        Assert.Equal(["You cannot remove your own organiser role. Ask another organiser"], (await self.ToDocumentAsync()).ErrorSummary());
    }

    [Fact]
    public async Task Disable_EndsSessionsWithinAMinuteAndBlocksSignIn_EnableRestores()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var admin = await _app.SignedInClientAsync(organiser);
        using var staffSession = await _app.SignedInClientAsync(staff);

        using var self = await admin.PostFormAsync($"/users/{organiser.Id}/disable", $"/users/{organiser.Id}/disable", new Dictionary<string, string>());
        Assert.Equal(["You cannot disable your own account"], (await self.ToDocumentAsync()).ErrorSummary());

        using var disabled = await admin.PostFormAsync($"/users/{staff.Id}/disable", $"/users/{staff.Id}/disable", new Dictionary<string, string>());
        Assert.Equal("/users", disabled.Headers.Location!.OriginalString);

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        using var after = await staffSession.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        using var again = _app.CreateBrowserLikeClient();
        using var refused = await again.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
        Assert.Equal(["Enter a correct email address and password"], (await refused.ToDocumentAsync()).ErrorSummary());

        using var enabled = await admin.PostFormAsync("/users", $"/users/{staff.Id}/enable", new Dictionary<string, string>());
        Assert.Equal("/users", enabled.Headers.Location!.OriginalString);
        using var back = await _app.SignedInClientAsync(staff);
        using var dashboard = await back.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    private async Task<Uri> SetPasswordLinkAsync(string email)
    {
        var message = _app.WithLinksRestored(await _app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email && m.Kind == "AccountSetup")));
        Assert.Equal("Set up your Roundtable Manager account", message.Subject);
        var url = LinkPattern().Match(message.TextBody).Value;
        Assert.False(string.IsNullOrEmpty(url), "the email has no set-password link");
        Assert.Contains(url, message.HtmlBody.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        return new Uri(url);
    }

    [GeneratedRegex(@"http\S+/account/set-password\?\S+")]
    private static partial Regex LinkPattern();
}
