using System.Buffers.Binary;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RoundtableManager.Tests.Identity;

/// <summary>
/// ASVS 11.4.2: passwords are stored with PBKDF2-HMAC-SHA512 at 210,000 iterations, and older hashes are upgraded; recovery
/// codes are stored as passwords are (ASVS 6.5.2); an unknown address costs a sign-in the same hashing work as a known one.
/// </summary>
[Collection(SharedHosts.PasswordHashing)]
public sealed class PasswordHashingTests(PasswordHashingTests.CountingApp app)
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
        Assert.Equal(210_000, app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
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
    public async Task SignIn_UnknownAddress_DoesTheSamePasswordHashingWorkAsAWrongPassword()
    {
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var client = app.CreateBrowserLikeClient();
        var known = await VerificationsDuringAsync(() => SessionAndEnumerationTests.SignInAsync(client, staff.Email, "not the right password at all"));
        var knownIterations = app.Hasher.LastIterations;
        var unknown = await VerificationsDuringAsync(() => SessionAndEnumerationTests.SignInAsync(client, $"nobody-{Guid.NewGuid():N}@example.gov.uk", "not the right password at all"));
        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
        // The same work per verification too: a hash of the configured strength, not a cheaper one.
        Assert.Equal(210_000, knownIterations);
        Assert.Equal(knownIterations, app.Hasher.LastIterations);
    }

    [Fact]
    public async Task RecoveryCodes_StoredOnlyAsSaltedHashes_AndEachStillWorksOnce()
    {
        // ASVS 6.5.2: Identity's codes carry about 47 bits, so they are stored as a password would be.
        var staff = await app.CreateUserAsync(Roles.Staff);
        var other = await app.CreateUserAsync(Roles.Staff);
        List<string> codes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(staff.Id))!, 10))!.ToList();
            // One code is enough to see another salt (each code costs a derivation at full strength).
            await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(other.Id))!, 1);
        }

        var stored = await RecoveryCodeTests.StoredRecoveryCodesAsync(app, staff);
        Assert.Equal(10, codes.Distinct().Count());
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase);
        }

        // PBKDF2-HMAC-SHA512 at the password iteration count, with a 128-bit random salt of the user's own.
        var parts = stored.Split('$');
        Assert.Equal(["pbkdf2-sha512", "210000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(10, parts[3].Split(',').Length);
        Assert.NotEqual(parts[2], (await RecoveryCodeTests.StoredRecoveryCodesAsync(app, other)).Split('$')[2]);

        var account = await app.SignedInClientAsync(staff);
        Assert.Contains("10 recovery codes left", (await account.GetDocumentAsync("/account")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/", (await RecoveryCodeTests.RecoveryCodeSignInAsync(app, staff, codes[3])).Location);
        Assert.Equal("/", (await RecoveryCodeTests.RecoveryCodeSignInAsync(app, staff, codes[9])).Location);
        Assert.StartsWith("Enter a correct recovery code", (await RecoveryCodeTests.RecoveryCodeSignInAsync(app, staff, codes[3])).Error, StringComparison.Ordinal);
        Assert.Contains("8 recovery codes left", (await account.GetDocumentAsync("/account")).Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task<int> VerificationsDuringAsync(Func<Task> work)
    {
        var before = app.Hasher.Verifications;
        await work();
        return app.Hasher.Verifications - before;
    }

    /// <summary>The iteration count inside an Identity v3 hash (format byte, PRF, iterations, salt length: big-endian).</summary>
    internal static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return bytes[0] == 0x01 ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)) : 0;
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
    public sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : PasswordHasher<ApplicationUser>(options)
    {
        private int _verifications;
        private int _lastIterations;

        public int Verifications => Volatile.Read(ref _verifications);

        public int LastIterations => Volatile.Read(ref _lastIterations);

        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            Volatile.Write(ref _lastIterations, Iterations(hashedPassword));
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>Testing apps hash with fewer iterations to save time (<see cref="TestApp.TestingHashIterations"/>); Production never does.</summary>
    [Collection(SharedHosts.Production)]
    public sealed class InProduction(ProductionApp production)
    {
        [Fact]
        public void ProductionApp_HashesWith210000Iterations()
        {
            Assert.Equal(210_000, production.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
            Assert.Equal(210_000, PasswordPolicy.HashIterations);
        }
    }
}
