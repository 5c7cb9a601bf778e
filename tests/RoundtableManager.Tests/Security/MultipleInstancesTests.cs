using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace RoundtableManager.Tests.Security;

/// <summary>Several instances behind a load balancer share one database and nothing that lives in one process.</summary>
public sealed class MultipleInstancesTests
{
    [Fact]
    public async Task TwoInstances_OneDatabase_CookieAndFormTokenFromOneAcceptedByTheOther()
    {
        using var first = TestApp.Create();
        using var second = TestApp.Create(settings: new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={first.DatabasePath}" });
        var organiser = await first.CreateUserAsync(Roles.Organiser);
        var cookies = new System.Net.CookieContainer();
        using var onFirst = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var password = await onFirst.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password });
        using var code = await onFirst.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = first.NextSecurityCode(organiser) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);

        // The same browser's next requests land on the other instance.
        using var onSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var dashboard = await onSecond.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Signed in as Test Organiser", (await dashboard.ToDocumentAsync()).QuerySelector(".govuk-service-navigation")!.TextContent, StringComparison.Ordinal);

        // A form rendered by the first instance is accepted when posted to the second.
        using var form = await onFirst.GetAsync(new Uri("/account/password", UriKind.Relative));
        var token = (await form.ToDocumentAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var signOut = await onSecond.PostAsync(new Uri("/sign-out", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signed-out", signOut.Headers.Location!.OriginalString);

        Assert.Equal(1, await first.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task Keys_WithCertificate_AreEncryptedInTheDatabase()
    {
        var (path, password) = TestCertificates.CreatePfx();
        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = password });
        using var client = app.CreateBrowserLikeClient();
        using var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var xml = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).SingleAsync());
        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithoutKeyCertificate_RefusedNamingTheKey()
    {
        var result = await AppProcess.RunInProcessAsync(["--urls=http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Email__PublicBaseUrl"] = TestApp.ProductionPublicBaseUrl,
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid() + ".db")}",
        });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: DataProtection:CertificatePath is required in Production", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithA2048BitKeyCertificate_RefusedNamingTheKeyAndTheSizeNeeded()
    {
        var (path, password) = TestCertificates.CreatePfx(2048);
        var result = await AppProcess.RunInProcessAsync(["--urls=http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Email__PublicBaseUrl"] = TestApp.ProductionPublicBaseUrl,
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid() + ".db")}",
            ["Email__Transport"] = "Pickup",
            ["DataProtection__CertificatePath"] = path,
            ["DataProtection__CertificatePassword"] = password,
        });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: DataProtection:CertificatePath holds a 2048-bit RSA key: at least 3072 bits are needed", result.Error, StringComparison.Ordinal);
    }
}
