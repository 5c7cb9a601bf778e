using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Identity;

/// <summary>Recovery codes, the second factor of someone without their authenticator app: each works once, stored only as salted hashes.</summary>
/// <remarks>
/// On the directory and accounts host, hashing at the Testing strength; that the codes are stored at Production's strength
/// is <see cref="PasswordHashingTests"/>'s (each code generated costs a derivation at that strength).
/// </remarks>
[Collection(SharedHosts.Directory)]
public sealed class RecoveryCodeTests(TestApp app)
{
    private readonly TestApp _app = app;

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
    public async Task RecoveryCodes_StoredInPlainTextBefore_StillWorkOnceAndAreThenHashed()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        await _app.WithDbAsync(async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = staff.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "B2C3D-F4G5H;J6K7M-N8P9Q" });
            await db.SaveChangesAsync();
        });

        Assert.Equal("/", (await RecoveryCodeSignInAsync(_app, staff, "B2C3D-F4G5H")).Location);
        var stored = await StoredRecoveryCodesAsync(_app, staff);
        Assert.StartsWith("pbkdf2-sha512$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("J6K7M", stored, StringComparison.Ordinal);
        Assert.StartsWith("Enter a correct recovery code", (await RecoveryCodeSignInAsync(_app, staff, "B2C3D-F4G5H")).Error, StringComparison.Ordinal);
        Assert.Equal("/", (await RecoveryCodeSignInAsync(_app, staff, "J6K7M-N8P9Q")).Location);
    }

    /// <summary>The user's stored recovery codes (one token: format, iterations, salt, hashes).</summary>
    internal static Task<string> StoredRecoveryCodesAsync(TestApp app, TestUser user) =>
        app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value!).SingleAsync());

    /// <summary>Signs in with the password, then the recovery code: where it leads, or the error it shows.</summary>
    internal static async Task<(string? Location, string? Error)> RecoveryCodeSignInAsync(TestApp app, TestUser user, string code)
    {
        using var client = app.CreateBrowserLikeClient();
        (await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password })).Dispose();
        using var response = await client.PostFormAsync("/sign-in/recovery-code", "/sign-in/recovery-code", new Dictionary<string, string> { ["RecoveryCode"] = code });
        return response.StatusCode == HttpStatusCode.Redirect
            ? (response.Headers.Location!.OriginalString, null)
            : (null, (await response.ToDocumentAsync()).ErrorSummary().Single());
    }
}
