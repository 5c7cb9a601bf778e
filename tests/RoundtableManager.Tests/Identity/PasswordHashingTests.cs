using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RoundtableManager.Tests.Identity;

/// <summary>ASVS 11.4.2: passwords are stored with PBKDF2-HMAC-SHA512 at 210,000 iterations, and older hashes are upgraded.</summary>
[Collection(SharedHosts.PasswordHashing)]
public sealed class PasswordHashingTests(SessionAndEnumerationTests.CountingApp app)
{
    [Fact]
    public async Task NewPassword_StoredWithPbkdf2Sha512At210000Iterations()
    {
        var staff = await app.CreateUserAsync(Roles.Staff, twoFactor: false);
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).Select(u => u.PasswordHash!).SingleAsync());
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(210_000, Iterations(hash));
    }

    [Fact]
    public async Task SignIn_PasswordHashedWithFewerIterations_IsRehashedAtFullStrength()
    {
        var staff = await app.CreateUserAsync(Roles.Staff, twoFactor: false);
        var old = new PasswordHasher<ApplicationUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(new ApplicationUser(), staff.Password);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, old)));

        using var client = app.CreateBrowserLikeClient();
        using var signIn = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);

        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).Select(u => u.PasswordHash!).SingleAsync());
        Assert.NotEqual(old, hash);
        Assert.Equal(210_000, Iterations(hash));
    }

    [Fact]
    public async Task ProductionApp_HashesWith210000Iterations()
    {
        // Testing apps hash with fewer iterations to save time (TestApp.TestingHashIterations); Production never does.
        await using var production = TestApp.Create("Production");
        Assert.Equal(210_000, production.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
        Assert.Equal(210_000, PasswordPolicy.HashIterations);
        Assert.Equal(210_000, app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
    }

    /// <summary>The iteration count inside an Identity v3 hash (format byte, PRF, iterations, salt length: big-endian).</summary>
    internal static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return bytes[0] == 0x01 ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)) : 0;
    }
}
