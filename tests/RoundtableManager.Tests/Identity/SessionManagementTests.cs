using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Identity;

/// <summary>
/// Sessions end at a fixed time after sign-in however much they are used (ASVS 7.3.2); a person sees where they are
/// signed in and ends the others after giving their password (7.5.2); organisers end one person's sessions or everyone's
/// (7.4.5), and reset a lost authenticator app once they have checked who is asking (6.4.4).
/// </summary>
[Collection(SharedHosts.Fresh)]
public sealed class SessionManagementTests(TestApp app) : IAsyncLifetime
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string SafariOnIPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private const string ChromeOnLinux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Session_InUseAllDay_EndsTwelveHoursAfterSignIn()
    {
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var client = await app.SignedInClientAsync(staff);
        for (var hour = 1; hour < 12; hour++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.True(await SignedInAsync(client), $"still signed in after {hour} hours of use");
        }

        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await SignedInAsync(client));
    }

    [Fact]
    public async Task Session_ConfiguredLimits_IdleAndAbsoluteAreBothEnforced()
    {
        await using var own = TestApp.Create(settings: new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeoutMinutes"] = "60",
            ["Sessions:AbsoluteLifetimeHours"] = "2",
        });
        var staff = await own.CreateUserAsync(Roles.Staff);
        using (var busy = await own.SignedInClientAsync(staff))
        {
            for (var step = 1; step < 4; step++)
            {
                own.Clock.Advance(TimeSpan.FromMinutes(30));
                Assert.True(await SignedInAsync(busy), $"still signed in after {step * 30} minutes of use");
            }

            own.Clock.Advance(TimeSpan.FromMinutes(30));
            Assert.False(await SignedInAsync(busy));
        }

        using var idle = await own.SignedInClientAsync(staff);
        own.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await SignedInAsync(idle));
        own.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.False(await SignedInAsync(idle));
    }

    [Fact]
    public async Task OwnSessions_ListedByBrowser_OthersEndOnlyWithThePassword()
    {
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var laptop = await app.SignedInClientAsync(staff, FirefoxOnWindows);
        using var phone = await app.SignedInClientAsync(staff, SafariOnIPhone);
        using var desktop = await app.SignedInClientAsync(staff, ChromeOnLinux);
        var colleague = await app.CreateUserAsync(Roles.Staff);
        using var colleagues = await app.SignedInClientAsync(colleague);

        var account = await laptop.GetDocumentAsync("/account");
        Assert.Contains("3 sessions", account.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);
        var page = await laptop.GetDocumentAsync("/account/sessions");
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Firefox on Windows", rows[0], StringComparison.Ordinal);
        Assert.Contains("This browser", rows[0], StringComparison.Ordinal);
        Assert.Single(rows, r => r.Contains("Safari on iPhone", StringComparison.Ordinal));
        Assert.Single(rows, r => r.Contains("Chrome on Linux", StringComparison.Ordinal));
        var choices = page.QuerySelectorAll<IHtmlInputElement>("input[name=SessionIds]").ToList();
        Assert.Equal(2, choices.Count);
        var phoneSession = choices.Single(c => page.QuerySelector($"label[for={c.Id}]")!.TextContent.StartsWith("Safari on iPhone", StringComparison.Ordinal)).Value;
        var colleagueSession = await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == colleague.Id).Select(s => s.Id).SingleAsync());

        // Nothing ends without the password, or with a wrong one.
        using (var noPassword = await EndAsync(laptop, phoneSession))
        {
            Assert.Equal(["Enter your password"], (await noPassword.ToDocumentAsync()).ErrorSummary());
        }

        using (var wrong = await EndAsync(laptop, phoneSession, "not my password at all"))
        {
            Assert.Equal(["Your password is not correct"], (await wrong.ToDocumentAsync()).ErrorSummary());
        }

        Assert.True(await SignedInAsync(phone));

        // The phone's session ends; a colleague's session id slipped into the form changes nothing.
        using (var ended = await EndAsync(laptop, phoneSession, staff.Password, colleagueSession))
        {
            Assert.Equal("/account/sessions", ended.Headers.Location!.OriginalString);
        }

        var after = await laptop.GetDocumentAsync("/account/sessions");
        Assert.Contains("Signed out of 1 other session", after.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, after.QuerySelectorAll("tbody tr").Length);
        Assert.False(await SignedInAsync(phone));
        Assert.True(await SignedInAsync(desktop));
        Assert.True(await SignedInAsync(laptop));
        Assert.True(await SignedInAsync(colleagues));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Session.Ended" && e.ActorUserId == staff.Id)));
    }

    [Fact]
    public async Task Organiser_SignsOnePersonOutEverywhere_OthersKeepTheirSessions_Audited()
    {
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        using var organisers = await app.SignedInClientAsync(organiser);
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var office = await app.SignedInClientAsync(staff);
        using var home = await app.SignedInClientAsync(staff);
        var bystander = await app.CreateUserAsync(Roles.Staff);
        using var bystanders = await app.SignedInClientAsync(bystander);

        using (var refused = await home.GetAsync(new Uri($"/users/{staff.Id}/sign-out", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var users = await organisers.GetDocumentAsync("/users");
        Assert.NotNull(users.QuerySelector($"a[href='/users/{staff.Id}/sign-out']"));
        var check = await organisers.GetDocumentAsync($"/users/{staff.Id}/sign-out");
        Assert.Equal("Sign Test Staff out everywhere?", check.Heading());
        Assert.Contains("signed in in 2 places", check.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        using var done = await organisers.PostFormAsync($"/users/{staff.Id}/sign-out", $"/users/{staff.Id}/sign-out", new Dictionary<string, string>());
        Assert.Equal("/users", done.Headers.Location!.OriginalString);
        Assert.False(await SignedInAsync(office));
        Assert.False(await SignedInAsync(home));
        Assert.True(await SignedInAsync(bystanders));
        Assert.True(await SignedInAsync(organisers));
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "User.SignedOutEverywhere" && e.SubjectId == staff.Id));
        Assert.Equal(organiser.Id, audit.ActorUserId);
        Assert.Contains("2 sessions ended", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organiser_SignsEveryoneElseOut_KeepsOwnSession_Audited()
    {
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        using var organisers = await app.SignedInClientAsync(organiser);
        using var organisersOtherBrowser = await app.SignedInClientAsync(organiser);
        var other = await app.CreateUserAsync(Roles.Organiser);
        using var others = await app.SignedInClientAsync(other);
        var organisation = await app.CreateOrganisationAsync($"Everyone Out Ltd {Guid.NewGuid():N}");
        var supplier = await app.CreateUserAsync(Roles.Supplier, organisation.Id);
        using var suppliers = await app.SignedInClientAsync(supplier);

        Assert.Equal("Sign everyone out?", (await organisers.GetDocumentAsync("/users/sign-out-everyone")).Heading());
        using var done = await organisers.PostFormAsync("/users/sign-out-everyone", "/users/sign-out-everyone", new Dictionary<string, string>());
        Assert.Equal("/users", done.Headers.Location!.OriginalString);
        Assert.True(await SignedInAsync(organisers));
        Assert.False(await SignedInAsync(organisersOtherBrowser));
        Assert.False(await SignedInAsync(others));
        Assert.False(await SignedInAsync(suppliers));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Sessions.AllEnded" && e.ActorUserId == organiser.Id)));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Supplier)]
    public async Task Organiser_ResetsALostAuthenticator_AfterRecordingTheIdentityCheck(string role)
    {
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        using var organisers = await app.SignedInClientAsync(organiser);
        int? organisationId = role == Roles.Supplier ? (await app.CreateOrganisationAsync($"Lost Phone Ltd {Guid.NewGuid():N}")).Id : null;
        var person = await app.CreateUserAsync(role, organisationId, twoFactor: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await manager.GenerateNewTwoFactorRecoveryCodesAsync((await manager.FindByIdAsync(person.Id))!, 10);
        }

        using var persons = await app.SignedInClientAsync(person);
        var form = $"/users/{person.Id}/two-factor";
        Assert.NotNull((await organisers.GetDocumentAsync("/users")).QuerySelector($"a[href='{form}']"));

        // Refused, changing nothing: no note of the check, a note with a line break, and an organiser's own account.
        foreach (var (check, expected) in new[]
        {
            ("", "Enter how you confirmed the request came from them"),
            ("Called back\r\nLOCATION:elsewhere", "How you confirmed it must not contain line breaks or control characters"),
        })
        {
            using var refused = await organisers.PostFormAsync(form, form, new Dictionary<string, string> { ["IdentityCheck"] = check });
            Assert.Equal([expected], (await refused.ToDocumentAsync()).ErrorSummary());
        }

        var own = $"/users/{organiser.Id}/two-factor";
        using (var self = await organisers.PostFormAsync(own, own, new Dictionary<string, string> { ["IdentityCheck"] = "It is me" }))
        {
            Assert.StartsWith("You cannot reset your own two-factor sign-in here", (await self.ToDocumentAsync()).ErrorSummary().Single(), StringComparison.Ordinal);
        }

        Assert.True(await SignedInAsync(persons));

        using var reset = await organisers.PostFormAsync(form, form, new Dictionary<string, string> { ["IdentityCheck"] = "Called them back on the number in the supplier directory" });
        Assert.Equal("/users", reset.Headers.Location!.OriginalString);

        // Signed out at once, the app's key and the recovery codes gone, the person told, the check on record.
        Assert.False(await SignedInAsync(persons));
        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id));
        Assert.False(stored.TwoFactorEnabled);
        Assert.True(await MustSetUpTwoFactorAsync(person));
        var tokens = await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == person.Id).ToListAsync());
        Assert.DoesNotContain(tokens, t => t.Name == "RecoveryCodes");
        Assert.DoesNotContain(tokens, t => t.Name == "AuthenticatorKey" && t.Value == person.AuthenticatorKey);
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "TwoFactor.ResetByOrganiser" && e.SubjectId == person.Id));
        Assert.Equal(organiser.Id, audit.ActorUserId);
        Assert.Contains("Identity confirmed by: Called them back on the number in the supplier directory", audit.Summary, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == person.Email && m.Subject == "Your two-factor sign-in for Roundtable Manager was reset")));

        // Next sign-in: the password, then set-up before anything else, whatever the role.
        using var next = app.CreateBrowserLikeClient();
        using (var signIn = await next.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = person.Email, ["Password"] = person.Password }))
        {
            Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        }

        using (var blocked = await next.GetAsync(new Uri("/account/password", UriKind.Relative)))
        {
            Assert.Equal("/account/two-factor/setup", blocked.Headers.Location!.OriginalString);
        }

        var setup = await next.GetDocumentAsync("/account/two-factor/setup");
        Assert.Contains("An organiser has reset your two-factor sign-in", setup.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        app.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        var fields = new Dictionary<string, string>
        {
            ["Code"] = Totp.Compute(Totp.DecodeKey(key), Totp.TimeStep(app.Clock.GetUtcNow())),
            ["ProtectedKey"] = setup.QuerySelector<IHtmlInputElement>("input[name=ProtectedKey]")!.Value,
        };
        using (var done = await next.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup", fields))
        {
            Assert.Equal("/account/two-factor/recovery-codes", done.Headers.Location!.OriginalString);
        }

        using var allowed = await next.GetAsync(new Uri("/account/password", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.False(await MustSetUpTwoFactorAsync(person));
    }

    private Task<bool> MustSetUpTwoFactorAsync(TestUser user) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => EF.Property<bool>(u, "MustSetUpTwoFactor")).SingleAsync());

    private static async Task<bool> SignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));
        var location = response.Headers.Location;
        var path = location is null ? "" : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Redirect when path.StartsWith("/sign-in", StringComparison.Ordinal) => false,
            _ => throw new InvalidOperationException($"/account answered {(int)response.StatusCode} {location}"),
        };
    }

    private static Task<HttpResponseMessage> EndAsync(HttpClient client, string sessionId, string? password = null, string? alsoSessionId = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("SessionIds", sessionId) };
        if (alsoSessionId is not null)
        {
            fields.Add(new("SessionIds", alsoSessionId));
        }

        if (password is not null)
        {
            fields.Add(new("Password", password));
        }

        return client.PostFormValuesAsync("/account/sessions", "/account/sessions", fields);
    }
}
