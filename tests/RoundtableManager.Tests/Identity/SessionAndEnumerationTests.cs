using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Identity;

/// <summary>Issue #16, findings 5 and 6: sign-out ends every copy of the session; sign-in says nothing about which addresses have accounts.</summary>
[Collection(SharedHosts.PasswordHashing)]
public sealed class SessionAndEnumerationTests
{
    private readonly CountingApp _app;

    public SessionAndEnumerationTests(CountingApp app) => _app = app;

    [Fact]
    public async Task SignOut_CookieCopiedBeforehand_IsSignedOutToo()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = _app.CreateBrowserLikeClient();
        using (await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password }))
        {
        }

        using var code = await client.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = _app.NextSecurityCode(staff) });
        var copied = code.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("RoundtableManager=", StringComparison.Ordinal));
        using var thief = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(thief, copied)).StatusCode);

        using var signOut = await client.PostFormAsync("/dashboard", "/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var replay = await GetWithCookieAsync(thief, copied);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/sign-in", replay.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownAddress_DoesTheSamePasswordHashingWorkAsAWrongPassword()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = _app.CreateBrowserLikeClient();
        var known = await VerificationsDuringAsync(() => SignInAsync(client, staff.Email, "not the right password at all"));
        var knownIterations = _app.Hasher.LastIterations;
        var unknown = await VerificationsDuringAsync(() => SignInAsync(client, $"nobody-{Guid.NewGuid():N}@example.gov.uk", "not the right password at all"));
        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
        // The same work per verification too: a hash of the configured strength, not a cheaper one.
        Assert.Equal(210_000, knownIterations);
        Assert.Equal(knownIterations, _app.Hasher.LastIterations);
    }

    [Fact]
    public async Task SignIn_SixFailures_UnknownAddressGetsTheSameAnswersAsARealAccount()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        var unknownEmail = $"nobody-{Guid.NewGuid():N}@example.gov.uk";
        using var client = _app.CreateBrowserLikeClient();
        var real = new List<string>();
        var unknown = new List<string>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            real.Add(string.Join("|", await SignInAsync(client, staff.Email, "not the right password at all")));
            unknown.Add(string.Join("|", await SignInAsync(client, unknownEmail, "not the right password at all")));
        }

        Assert.StartsWith("Your account is locked", real[4], StringComparison.Ordinal);
        Assert.Equal(real, unknown);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<IReadOnlyList<string>> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        return (await response.ToDocumentAsync()).ErrorSummary();
    }

    private async Task<int> VerificationsDuringAsync(Func<Task> work)
    {
        var before = _app.Hasher.Verifications;
        await work();
        return _app.Hasher.Verifications - before;
    }

    /// <summary>The real app, with Identity's real password hasher (at Production's iteration count) counting its verifications.</summary>
    public sealed class CountingApp : TestApp
    {
        public CountingApp()
            : base("Testing")
        {
            ProductionPasswordHashing = true;
        }

        public CountingHasher Hasher => Services.GetRequiredService<CountingHasher>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services
                .AddSingleton<CountingHasher>()
                .AddSingleton<IPasswordHasher<ApplicationUser>>(provider => provider.GetRequiredService<CountingHasher>()));
        }
    }

    /// <summary>Identity's hasher with the app's own options, counting verifications and noting the strength of the last hash checked.</summary>
    public sealed class CountingHasher(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options) : PasswordHasher<ApplicationUser>(options)
    {
        private int _verifications;
        private int _lastIterations;

        public int Verifications => Volatile.Read(ref _verifications);

        public int LastIterations => Volatile.Read(ref _lastIterations);

        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            Volatile.Write(ref _lastIterations, PasswordHashingTests.Iterations(hashedPassword));
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
