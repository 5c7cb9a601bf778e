using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using RoundtableManager.Web.Infrastructure;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Data Protection's key at start (DatabaseInitializer, KeyRingCheck): a start whose database holds no key Data Protection
/// will use for days makes one before any request (never later, inside some request's write transaction, where SQLite's
/// one writer would wait on itself); a restart on a usable key makes none and leaves the ring to its first use. Each
/// case starts a second app on the first one's SQLite file, as a restart or another instance does.
/// </summary>
public sealed class KeyRingAtStartTests
{
    [Fact]
    public async Task NewDatabase_KeyMadeAtStartBeforeAnyRequest()
    {
        using var app = TestApp.Create();
        app.StartsWithoutDatabase = true;
        Assert.Equal(1, await KeysAsync(app));
    }

    [Fact]
    public async Task Restart_SameCertificate_NoKeyMadeAndTheKeptKeyServesPages()
    {
        var certificate = Certificate(TestCertificates.CreatePfx());
        using var first = TestApp.Create(settings: certificate);
        Assert.Equal(1, await KeysAsync(first));
        using (var pfx = Load(TestCertificates.CreatePfx()))
        {
            Assert.True(await JudgedUsableAsync(first, pfx));
        }

        using var restarted = TestApp.Create(settings: SameFile(first, certificate));
        Assert.Equal(1, await KeysAsync(restarted));
        await AssertSignInPageServedAsync(restarted);
        Assert.Equal(1, await KeysAsync(restarted));
    }

    [Fact]
    public async Task Restart_ChangedCertificate_KeyForTheNewCertificateMadeAtStart()
    {
        using var first = TestApp.Create(settings: Certificate(TestCertificates.CreatePfx()));
        Assert.Equal(1, await KeysAsync(first));

        var changed = TestCertificates.CreatePfx(4096);
        using var pfx = Load(changed);
        Assert.False(await JudgedUsableAsync(first, pfx));
        using var restarted = TestApp.Create(settings: SameFile(first, Certificate(changed)));
        Assert.Equal(2, await KeysAsync(restarted));
        var newest = await restarted.WithDbAsync(db => db.DataProtectionKeys.OrderByDescending(k => k.Id).Select(k => k.Xml).FirstAsync());
        Assert.Contains(Convert.ToBase64String(pfx.RawData), newest, StringComparison.Ordinal);

        await AssertSignInPageServedAsync(restarted);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public async Task Restart_KeyExpiredOrExpiringWithinDataProtectionsWindow_NewKeyMadeAtStart(int daysLeft)
    {
        using var first = TestApp.Create();
        Assert.Equal(1, await KeysAsync(first));
        await first.WithDbAsync(async db =>
        {
            var key = await db.DataProtectionKeys.SingleAsync();
            var from = key.Xml!.IndexOf("<expirationDate>", StringComparison.Ordinal) + "<expirationDate>".Length;
            var to = key.Xml.IndexOf("</expirationDate>", from, StringComparison.Ordinal);
            key.Xml = string.Concat(key.Xml.AsSpan(0, from), DateTimeOffset.UtcNow.AddDays(daysLeft).ToString("O", System.Globalization.CultureInfo.InvariantCulture), key.Xml.AsSpan(to));
            await db.SaveChangesAsync();
        });
        Assert.False(await JudgedUsableAsync(first, null));

        using var restarted = TestApp.Create(settings: SameFile(first));
        Assert.Equal(2, await KeysAsync(restarted));
        await AssertSignInPageServedAsync(restarted);
    }

    [Fact]
    public async Task Restart_KeyRevoked_NewKeyMadeAtStart()
    {
        using var first = TestApp.Create();
        Assert.Equal(1, await KeysAsync(first));
        first.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "a test of the start");
        Assert.False(await JudgedUsableAsync(first, null));

        using var restarted = TestApp.Create(settings: SameFile(first));
        Assert.Equal(2, await KeysAsync(restarted));
        await AssertSignInPageServedAsync(restarted);
    }

    private static Task<int> KeysAsync(TestApp app) =>
        app.WithDbAsync(db => db.DataProtectionKeys.CountAsync(k => EF.Functions.Like(k.FriendlyName, "key-%")));

    /// <summary>What the start's check (<see cref="KeyRingCheck"/>) says of the keys in this app's database, for a certificate.</summary>
    private static async Task<bool> JudgedUsableAsync(TestApp app, X509Certificate2? certificate)
    {
        var rows = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync());
        return KeyRingCheck.HasUsableKey(rows, certificate, DateTimeOffset.UtcNow);
    }

    private static X509Certificate2 Load((string Path, string Password) pfx) => X509CertificateLoader.LoadPkcs12FromFile(pfx.Path, pfx.Password);

    private static async Task AssertSignInPageServedAsync(TestApp app)
    {
        using var client = app.CreateBrowserLikeClient();
        using var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static Dictionary<string, string?> Certificate((string Path, string Password) pfx) => new()
    {
        ["DataProtection:CertificatePath"] = pfx.Path,
        ["DataProtection:CertificatePassword"] = pfx.Password,
    };

    private static Dictionary<string, string?> SameFile(TestApp first, Dictionary<string, string?>? settings = null) =>
        new(settings ?? []) { ["Database:ConnectionString"] = $"Data Source={first.DatabasePath}" };
}
