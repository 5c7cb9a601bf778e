namespace RoundtableManager.Tests.Identity;

/// <summary>Issue #16, findings 5 and 6: sign-out ends every copy of the session; sign-in says nothing about which addresses have accounts.</summary>
/// <remarks>
/// On the directory and accounts host, hashing at the Testing strength: what these tests check (a copied cookie refused,
/// the same answers for an unknown address) does not depend on the hash's cost, and twelve sign-ins at Production's cost
/// took seconds of CPU. That an unknown address costs the same hashing work is <see cref="PasswordHashingTests"/>'s.
/// </remarks>
[Collection(SharedHosts.Directory)]
public sealed class SessionAndEnumerationTests
{
    private readonly TestApp _app;

    public SessionAndEnumerationTests(TestApp app) => _app = app;

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

    /// <summary>Signs in with an address and password; the error summary's lines (none when it worked).</summary>
    internal static async Task<IReadOnlyList<string>> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        return (await response.ToDocumentAsync()).ErrorSummary();
    }
}
