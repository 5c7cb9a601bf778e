using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// Someone who signs in only through single sign-on has no password here, so "Sign out other sessions" (ASVS 7.5.2)
/// checks it is them by sending them to sign in again at the provider (prompt=login, max_age=0), against the real
/// OpenIddict provider on 127.0.0.1.
/// </summary>
[Collection(SharedHosts.SingleSignOn)]
public sealed class SingleSignOnSessionsTests(SingleSignOnTests.Host host)
{
    private TestApp App => host.App;

    private TestIdentityProvider Provider => host.Provider;

    [Fact]
    public async Task EndOtherSessions_NoPasswordHere_SigningInAgainAtTheProviderEndsThem()
    {
        var (person, here, elsewhere) = await SingleSignOnOnlyPersonSignedInTwiceAsync("again");

        var page = await here.GetDocumentAsync("/account/sessions");
        Assert.Null(page.QuerySelector("input[name='Password']"));
        var otherSession = page.QuerySelector("input[name='SessionIds']")!.GetAttribute("value")!;

        var link = await SignInAgainLinkAsync(here, otherSession);
        Provider.NextUser = new ProviderUser(person.Email, Amr: ["mfa"]) { AuthenticatedAt = App.Clock.GetUtcNow() };
        var (authorize, final, after) = await FollowThroughProviderAsync(here, link);

        var request = SingleSignOnFlow.Query(authorize);
        Assert.Equal("login", request["prompt"]);
        Assert.Equal("0", request["max_age"]);
        Assert.Equal("/account/sessions", final);
        Assert.Contains("Signed out of 1 other session", after.QuerySelector(".govuk-notification-banner")?.TextContent, StringComparison.Ordinal);
        using var gone = await elsewhere.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.StartsWith("/sign-in", gone.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var stillHere = await here.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillHere.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.SubjectId == person.Id && a.Action == "Session.Ended")));
    }

    [Fact]
    public async Task EndOtherSessions_ProviderSignsInSomeoneElseOrDoesNotAskAgain_NothingEnds()
    {
        var (person, here, elsewhere) = await SingleSignOnOnlyPersonSignedInTwiceAsync("refused");
        var otherSession = (await here.GetDocumentAsync("/account/sessions")).QuerySelector("input[name='SessionIds']")!.GetAttribute("value")!;

        // Someone else at the provider (a colleague at the same keyboard) signs in when asked.
        Provider.NextUser = new ProviderUser($"colleague-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}", Amr: ["mfa"]) { AuthenticatedAt = App.Clock.GetUtcNow() };
        var (_, wrongPerson, refused) = await FollowThroughProviderAsync(here, await SignInAgainLinkAsync(here, otherSession));
        Assert.Equal(ProviderReauthenticationPath, wrongPerson);
        Assert.Contains("You signed in again as a different person. Nothing has been signed out.", refused.ErrorSummary());

        // The provider answers from its own earlier sign-in instead of asking again.
        Provider.NextUser = new ProviderUser(person.Email, Amr: ["mfa"]) { AuthenticatedAt = App.Clock.GetUtcNow().AddHours(-1) };
        var (_, _, staleRefused) = await FollowThroughProviderAsync(here, await SignInAgainLinkAsync(here, otherSession));
        Assert.Contains("Your sign-in provider did not ask you to sign in again. Nothing has been signed out.", staleRefused.ErrorSummary());

        using var stillSignedIn = await elsewhere.GetAsync(new Uri("/actions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.SubjectId == person.Id && a.Action == "Session.EndRefused")));

        // A selection link is sealed for the person it was made for.
        using var other = App.CreateBrowserLikeClient();
        var someoneElse = await App.CreateUserAsync(Roles.Staff, email: $"other-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}", twoFactor: false);
        Provider.NextUser = new ProviderUser(someoneElse.Email, Amr: ["mfa"]);
        using (await SingleSignOnFlow.SignInAsync(other))
        {
        }

        await RemovePasswordAsync(someoneElse.Id);
        using var replayed = await other.GetAsync(new Uri(await SignInAgainLinkAsync(here, otherSession), UriKind.Relative));
        Assert.Equal("/account/sessions", replayed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task EndOtherSessions_WithAPasswordHere_StillAsksForIt()
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: $"pwd-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}", twoFactor: false);
        Provider.NextUser = new ProviderUser(staff.Email, Amr: ["mfa"]);
        using var here = App.CreateBrowserLikeClient();
        using var elsewhere = App.CreateBrowserLikeClient();
        using (await SingleSignOnFlow.SignInAsync(here))
        using (await SingleSignOnFlow.SignInAsync(elsewhere))
        {
        }

        var page = await here.GetDocumentAsync("/account/sessions");
        Assert.NotNull(page.QuerySelector("input[name='Password']"));
        var otherSession = page.QuerySelector("input[name='SessionIds']")!.GetAttribute("value")!;
        using var noPassword = await here.PostFormAsync("/account/sessions", "/account/sessions", new Dictionary<string, string> { ["SessionIds"] = otherSession });
        Assert.Contains("Enter your password", (await noPassword.ToDocumentAsync()).ErrorSummary());
        using var link = await here.GetAsync(new Uri("/account/sessions/sign-in-again?selection=x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
    }

    [Fact]
    public async Task Account_NoPasswordHere_OffersNeitherChangePasswordNorResetTwoFactor()
    {
        var person = await App.CreateUserAsync(Roles.Organiser, email: $"nopwd-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}", twoFactor: true);
        await RemovePasswordAsync(person.Id);
        Provider.NextUser = new ProviderUser(person.Email, Amr: ["mfa"]);
        using var client = App.CreateBrowserLikeClient();
        using (await SingleSignOnFlow.SignInAsync(client))
        {
        }

        var account = await client.GetDocumentAsync("/account");
        Assert.Null(account.QuerySelector("a[href='/account/password']"));
        Assert.Null(account.QuerySelector("a[href='/account/two-factor/reset']"));
        Assert.Equal("With Test Department ID (you have no password for this service)", account.QuerySelector("[data-no-password] dd")!.TextContent.Trim());
        Assert.Contains("To reset it, ask an organiser", account.Body!.TextContent, StringComparison.Ordinal);

        // Typed or bookmarked addresses say the same, and a post changes nothing.
        foreach (var path in new[] { "/account/password", "/account/two-factor/reset" })
        {
            Assert.Equal("You do not have a password for this service", (await client.GetDocumentAsync(path)).Heading());
        }

        using var change = await client.PostFormAsync("/account", "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "anything at all here",
            ["NewPassword"] = "copper lantern orchard mist",
            ["ConfirmPassword"] = "copper lantern orchard mist",
        });
        Assert.Equal("You do not have a password for this service", (await change.ToDocumentAsync()).Heading());
        using var reset = await client.PostFormAsync("/account", "/account/two-factor/reset", new Dictionary<string, string> { ["Password"] = "x", ["Code"] = "123456" });
        Assert.Equal("You do not have a password for this service", (await reset.ToDocumentAsync()).Heading());
        var after = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id));
        Assert.Null(after.PasswordHash);
        Assert.True(after.TwoFactorEnabled);
    }

    [Fact]
    public async Task AccountPage_WithAPasswordHere_StillOffersBoth()
    {
        var staff = await App.CreateUserAsync(Roles.Staff, email: $"acct-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}", twoFactor: false);
        Provider.NextUser = new ProviderUser(staff.Email, Amr: ["mfa"]);
        using var here = App.CreateBrowserLikeClient();
        using (await SingleSignOnFlow.SignInAsync(here))
        {
        }

        await App.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true)));
        var page = await here.GetDocumentAsync("/account");
        Assert.NotNull(page.QuerySelector("a[href='/account/password']"));
        Assert.NotNull(page.QuerySelector("a[href='/account/two-factor/reset']"));
        using var form = await here.GetAsync(new Uri("/account/password", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    private const string ProviderReauthenticationPath = "/account/sessions/signed-in-again";

    private async Task<(TestUser Person, HttpClient Here, HttpClient Elsewhere)> SingleSignOnOnlyPersonSignedInTwiceAsync(string who)
    {
        var person = await App.CreateUserAsync(Roles.Organiser, email: $"{who}-{Guid.NewGuid():N}@{SingleSignOnTests.AllowedDomain}", twoFactor: false);
        await RemovePasswordAsync(person.Id);
        Provider.NextUser = new ProviderUser(person.Email, Amr: ["mfa"]);
        var here = App.CreateBrowserLikeClient();
        var elsewhere = App.CreateBrowserLikeClient();
        using (var first = await SingleSignOnFlow.SignInAsync(here))
        using (var second = await SingleSignOnFlow.SignInAsync(elsewhere))
        {
            Assert.Equal("/", first.Final.Headers.Location!.OriginalString);
            Assert.Equal("/", second.Final.Headers.Location!.OriginalString);
        }

        return (person, here, elsewhere);
    }

    private async Task RemovePasswordAsync(string userId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        Assert.True((await users.RemovePasswordAsync(user!)).Succeeded);
    }

    /// <summary>Ticks the session and continues; the page that follows says what happens next and links onwards.</summary>
    private static async Task<string> SignInAgainLinkAsync(HttpClient client, string sessionId)
    {
        using var confirm = await client.PostFormAsync("/account/sessions", "/account/sessions", new Dictionary<string, string> { ["SessionIds"] = sessionId });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var page = await confirm.ToDocumentAsync();
        Assert.Equal("Sign in again with Test Department ID", page.Heading());
        var link = page.QuerySelector("a.govuk-button")!;
        Assert.Equal("Continue to Test Department ID", link.TextContent.Trim());
        return link.GetAttribute("href")!;
    }

    /// <summary>The link, the provider's authorize endpoint, the callback: returns the authorize request and where the app ends up.</summary>
    private static async Task<(Uri Authorize, string Final, AngleSharp.Dom.IDocument Page)> FollowThroughProviderAsync(HttpClient app, string link)
    {
        using var start = await app.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await provider.GetAsync(authorize);
        using var callback = await app.GetAsync(new Uri(answer.Headers.Location!.PathAndQuery, UriKind.Relative));
        Assert.Equal(ProviderReauthenticationPath, callback.Headers.Location!.OriginalString);
        using var back = await app.GetAsync(callback.Headers.Location);
        return back.StatusCode == HttpStatusCode.Redirect
            ? (authorize, back.Headers.Location!.OriginalString, await app.GetDocumentAsync(back.Headers.Location!.OriginalString))
            : (authorize, ProviderReauthenticationPath, await back.ToDocumentAsync());
    }
}
