using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

/// <summary>
/// Identity's authenticator check, plus two things it lacks: a code that has been used cannot be used again (the last
/// accepted time step is kept per user, and only later steps pass), and the clock is <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    private const string LoginProvider = "[RoundtableManager]";
    private const string LastStepName = "LastAuthenticatorStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!Totp.TryMatch(Totp.DecodeKey(key), code, Totp.TimeStep(time.GetUtcNow()), Totp.AcceptedStepsEitherSide, out var step))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        // The user's concurrency stamp makes two simultaneous uses of one code fail for all but one.
        var stored = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return stored.Succeeded;
    }
}
