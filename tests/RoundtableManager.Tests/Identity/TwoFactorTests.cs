using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Identity;

[Collection(SharedHosts.Directory)]
public sealed class TwoFactorTests
{
    private readonly TestApp _app;

    public TwoFactorTests(TestApp app) => _app = app;

    [Fact]
    public void Totp_MatchesRfc6238TestVector()
    {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890" at T = 59 s gives 94287082; the app uses the last 6 digits.
        var key = System.Text.Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("287082", Totp.Compute(key, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(59))));
        Assert.Equal("081804", Totp.Compute(key, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(1111111109))));
    }

    [Theory]
    [InlineData(Roles.Organiser)]
    [InlineData(Roles.Staff)]
    public async Task NewGovernmentUser_CannotUseServiceUntilTwoFactorIsSetUp(string role)
    {
        var user = await _app.CreateUserAsync(role, twoFactor: false);
        using var client = await _app.SignedInClientAsync(user);

        foreach (var path in new[] { "/dashboard", "/account/password" })
        {
            using var blocked = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/two-factor/setup", blocked.Headers.Location!.OriginalString);
        }

        var setup = await client.GetDocumentAsync("/account/two-factor/setup");
        Assert.Equal("Set up two-factor sign-in", setup.Heading());
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector<IHtmlImageElement>("img.rtm-qr-code")!.Source, StringComparison.Ordinal);
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        var protectedKey = setup.QuerySelector<IHtmlInputElement>("input[name=ProtectedKey]")!.Value;

        using var wrong = await client.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup", new Dictionary<string, string> { ["Code"] = "000000", ["ProtectedKey"] = protectedKey });
        Assert.Equal(["Enter a correct security code from your authenticator app"], (await wrong.ToDocumentAsync()).ErrorSummary());

        var code = Totp.Compute(Totp.DecodeKey(key), Totp.TimeStep(_app.Clock.GetUtcNow()));
        using var done = await client.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup", new Dictionary<string, string> { ["Code"] = code, ["ProtectedKey"] = protectedKey });
        Assert.Equal("/account/two-factor/recovery-codes", done.Headers.Location!.OriginalString);
        var recovery = await client.GetDocumentAsync("/account/two-factor/recovery-codes");
        Assert.Equal(10, recovery.QuerySelectorAll(".rtm-recovery-codes li").Length);

        // Shown once only.
        using var again = await client.GetAsync(new Uri("/account/two-factor/recovery-codes", UriKind.Relative));
        Assert.Equal("/account", again.Headers.Location!.OriginalString);
        using var dashboard = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task SetupPage_OpeningItChangesNothing_AndFinishingSetUpKeepsThisSessionSignedIn()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff, twoFactor: false);
        using var client = await _app.SignedInClientAsync(staff);
        using var otherSession = await _app.SignedInClientAsync(staff);
        var before = await StoredSecretsAsync(staff);

        // A link from another site (or a mail scanner) opens the page, twice.
        var first = await client.GetDocumentAsync("/account/two-factor/setup");
        (await client.GetAsync(new Uri("/account/two-factor/setup", UriKind.Relative))).Dispose();
        Assert.Equal(before, await StoredSecretsAsync(staff));
        Assert.Null(before.Key);

        // Past the security-stamp check, both sessions are still signed in.
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        foreach (var session in new[] { client, otherSession })
        {
            using var account = await session.GetAsync(new Uri("/account", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        }

        // The key is stored when a code from it comes back, and this session stays signed in afterwards.
        var key = first.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        using var done = await client.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup", new Dictionary<string, string>
        {
            ["Code"] = Totp.Compute(Totp.DecodeKey(key), Totp.TimeStep(_app.Clock.GetUtcNow())),
            ["ProtectedKey"] = first.QuerySelector<IHtmlInputElement>("input[name=ProtectedKey]")!.Value,
        });
        Assert.Equal("/account/two-factor/recovery-codes", done.Headers.Location!.OriginalString);
        Assert.Equal(key, (await StoredSecretsAsync(staff)).Key);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var dashboard = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    private async Task<(string? Stamp, string? Key)> StoredSecretsAsync(TestUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByIdAsync(user.Id))!;
        return (account.SecurityStamp, await users.GetAuthenticatorKeyAsync(account));
    }

    [Fact]
    public async Task SignIn_WithTwoFactor_AsksForCodeAndRefusesAReusedCode()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = _app.CreateBrowserLikeClient();
        using var password = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password });
        Assert.StartsWith("/sign-in/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Password alone is not enough.
        using var notYet = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.StartsWith("/sign-in", notYet.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        using var wrong = await client.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = "12345" });
        Assert.Equal(["The security code must be 6 numbers"], (await wrong.ToDocumentAsync()).ErrorSummary());

        var code = _app.NextSecurityCode(organiser);
        using var ok = await client.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal("/", ok.Headers.Location!.OriginalString);

        // Someone who saw that code uses it again in another browser, within the same 30 seconds.
        using var other = _app.CreateBrowserLikeClient();
        await other.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password });
        using var replay = await other.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.StartsWith("Enter a correct security code", (await replay.ToDocumentAsync()).ErrorSummary().Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_CodeOutsideItsOwn30Seconds_Refused()
    {
        // ASVS 6.5.5: a time-based code lives at most 30 seconds.
        var staff = await _app.CreateUserAsync(Roles.Staff);
        var key = Totp.DecodeKey(staff.AuthenticatorKey!);
        using var client = _app.CreateBrowserLikeClient();
        (await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password })).Dispose();
        var now = Totp.TimeStep(_app.Clock.GetUtcNow());

        async Task<IReadOnlyList<string>> EnterAsync(string code)
        {
            using var response = await client.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = code });
            return response.StatusCode == HttpStatusCode.Redirect ? [] : (await response.ToDocumentAsync()).ErrorSummary();
        }

        // The code the app showed in the previous 30 seconds, and the one it will show next.
        Assert.StartsWith("Enter a correct security code", (await EnterAsync(Totp.Compute(key, now - 1))).Single(), StringComparison.Ordinal);
        Assert.StartsWith("Enter a correct security code", (await EnterAsync(Totp.Compute(key, now + 1))).Single(), StringComparison.Ordinal);

        // The current code, typed once its 30 seconds are over.
        var current = Totp.Compute(key, now);
        _app.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        Assert.StartsWith("Enter a correct security code", (await EnterAsync(current)).Single(), StringComparison.Ordinal);

        // The code for the 30 seconds it is now works.
        Assert.Empty(await EnterAsync(Totp.Compute(key, now + 1)));
    }

    [Fact]
    public async Task Supplier_NotForcedButMaySetUpTwoFactor()
    {
        var organisation = await _app.CreateOrganisationAsync($"Optional 2FA Ltd {Guid.NewGuid():N}");
        var supplier = await _app.CreateUserAsync(Roles.Supplier, organisation.Id);
        using var client = await _app.SignedInClientAsync(supplier);
        using var portal = await client.GetAsync(new Uri("/portal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        var account = await client.GetDocumentAsync("/account");
        Assert.Contains("Off", account.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(account.QuerySelector("a[href='/account/two-factor/setup']"));
    }

    [Fact]
    public async Task ChangePassword_NeedsCurrentPasswordAndSignsOutOtherSessions()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var first = await _app.SignedInClientAsync(staff);
        using var second = await _app.SignedInClientAsync(staff);

        using var wrong = await first.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "not my password at all",
            ["NewPassword"] = "lantern orchard velvet compass",
            ["ConfirmPassword"] = "lantern orchard velvet compass",
        });
        Assert.Equal(["Your current password is not correct"], (await wrong.ToDocumentAsync()).ErrorSummary());

        using var changed = await first.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = staff.Password,
            ["NewPassword"] = "lantern orchard velvet compass",
            ["ConfirmPassword"] = "lantern orchard velvet compass",
        });
        Assert.Equal("/account", changed.Headers.Location!.OriginalString);

        // The other session's cookie is checked against the security stamp at the next validation interval.
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var stale = await second.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/sign-in", stale.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        using var current = await first.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task ResetTwoFactor_NeedsPasswordAndCurrentCode()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = await _app.SignedInClientAsync(organiser);
        using var noCode = await client.PostFormAsync("/account/two-factor/reset", "/account/two-factor/reset", new Dictionary<string, string> { ["Password"] = organiser.Password, ["Code"] = "000000" });
        Assert.Equal(["Enter a correct security code from your authenticator app"], (await noCode.ToDocumentAsync()).ErrorSummary());

        using var reset = await client.PostFormAsync("/account/two-factor/reset", "/account/two-factor/reset", new Dictionary<string, string> { ["Password"] = organiser.Password, ["Code"] = _app.NextSecurityCode(organiser) });
        Assert.Equal("/account/two-factor/setup", reset.Headers.Location!.OriginalString);
        using var blocked = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal("/account/two-factor/setup", blocked.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Start_TwoFactorSwitchedOffInProduction_RefusedNamingTheKey()
    {
        var (certificate, password) = TestCertificates.CreatePfx();
        var result = await AppProcess.RunInProcessAsync(["--Security:RequireTwoFactorForGovernment=false", "--urls=http://127.0.0.1:0"],
            environment: new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Email__PublicBaseUrl"] = TestApp.ProductionPublicBaseUrl,
                ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid() + ".db")}",
                ["DataProtection__CertificatePath"] = certificate,
                ["DataProtection__CertificatePassword"] = password,
            });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Security:RequireTwoFactorForGovernment", result.Error, StringComparison.Ordinal);
    }
}
