using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Identity;

/// <summary>Recovery codes, the second factor of someone without their authenticator app: each works once, stored only as salted hashes.</summary>
[Collection(SharedHosts.PasswordHashing)]
public sealed class RecoveryCodeTests(SessionAndEnumerationTests.CountingApp app)
{
    private readonly SessionAndEnumerationTests.CountingApp _app = app;

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnce()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        string recoveryCode;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(staff.Id))!;
            recoveryCode = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 2))!.First();
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var client = _app.CreateBrowserLikeClient();
            await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
            using var response = await client.PostFormAsync("/sign-in/recovery-code", "/sign-in/recovery-code", new Dictionary<string, string> { ["RecoveryCode"] = recoveryCode });
            if (attempt == 0)
            {
                Assert.Equal("/", response.Headers.Location!.OriginalString);
            }
            else
            {
                Assert.StartsWith("Enter a correct recovery code", (await response.ToDocumentAsync()).ErrorSummary().Single(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task RecoveryCodes_StoredOnlyAsSaltedHashes_AndEachStillWorksOnce()
    {
        // ASVS 6.5.2: Identity's codes carry about 47 bits, so they are stored as a password would be.
        var staff = await _app.CreateUserAsync(Roles.Staff);
        var other = await _app.CreateUserAsync(Roles.Staff);
        List<string> codes;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(staff.Id))!, 10))!.ToList();
            await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(other.Id))!, 10);
        }

        var stored = await StoredRecoveryCodesAsync(staff);
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
        Assert.NotEqual(parts[2], (await StoredRecoveryCodesAsync(other)).Split('$')[2]);

        var account = await _app.SignedInClientAsync(staff);
        Assert.Contains("10 recovery codes left", (await account.GetDocumentAsync("/account")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/", (await RecoveryCodeSignInAsync(staff, codes[3])).Location);
        Assert.Equal("/", (await RecoveryCodeSignInAsync(staff, codes[9])).Location);
        Assert.StartsWith("Enter a correct recovery code", (await RecoveryCodeSignInAsync(staff, codes[3])).Error, StringComparison.Ordinal);
        Assert.Contains("8 recovery codes left", (await account.GetDocumentAsync("/account")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCodes_StoredInPlainTextBefore_StillWorkOnceAndAreThenHashed()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        await _app.WithDbAsync(async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = staff.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "B2C3D-F4G5H;J6K7M-N8P9Q" });
            await db.SaveChangesAsync();
        });

        Assert.Equal("/", (await RecoveryCodeSignInAsync(staff, "B2C3D-F4G5H")).Location);
        var stored = await StoredRecoveryCodesAsync(staff);
        Assert.StartsWith("pbkdf2-sha512$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("J6K7M", stored, StringComparison.Ordinal);
        Assert.StartsWith("Enter a correct recovery code", (await RecoveryCodeSignInAsync(staff, "B2C3D-F4G5H")).Error, StringComparison.Ordinal);
        Assert.Equal("/", (await RecoveryCodeSignInAsync(staff, "J6K7M-N8P9Q")).Location);
    }

    private Task<string> StoredRecoveryCodesAsync(TestUser user) =>
        _app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value!).SingleAsync());

    private async Task<(string? Location, string? Error)> RecoveryCodeSignInAsync(TestUser user, string code)
    {
        using var client = _app.CreateBrowserLikeClient();
        (await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password })).Dispose();
        using var response = await client.PostFormAsync("/sign-in/recovery-code", "/sign-in/recovery-code", new Dictionary<string, string> { ["RecoveryCode"] = code });
        return response.StatusCode == HttpStatusCode.Redirect
            ? (response.Headers.Location!.OriginalString, null)
            : (null, (await response.ToDocumentAsync()).ErrorSummary().Single());
    }
}
