using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;

namespace RoundtableManager.Web.Account;

/// <summary>The signed-in person's own account. Changing the password or two-factor set-up asks for the password (and code) again.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MyAccountController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    SessionService sessions,
    ProviderReauthentication reauthentication,
    ProviderMetadata metadata,
    IOptions<SingleSignOnOptions> singleSignOn,
    IAuditLog audit,
    ILogger<MyAccountController> logger) : Controller
{
    [HttpGet("account")]
    [AllowWithoutTwoFactor]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(new MyAccountModel(user.DisplayName, user.Email ?? "", user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user),
            await sessions.CountActiveAsync(user.Id, HttpContext.RequestAborted), await users.HasPasswordAsync(user), singleSignOn.Value.DisplayName));
    }

    /// <summary>
    /// Where the person is signed in; ending the others asks for the password again (ASVS 7.5.2), or, for someone with no
    /// password here (single sign-on only), for signing in again at the provider.
    /// </summary>
    [HttpGet("account/sessions")]
    public async Task<IActionResult> Sessions(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View(await SessionsPageAsync(user, new EndSessionsModel(), cancellationToken));
    }

    [HttpPost("account/sessions")]
    public async Task<IActionResult> Sessions(EndSessionsModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var hasPassword = await users.HasPasswordAsync(user);
        if (model.SessionIds.Count == 0)
        {
            ModelState.AddModelError(nameof(EndSessionsModel.SessionIds), "Select the sessions to sign out");
        }

        if (hasPassword && string.IsNullOrEmpty(model.Password))
        {
            ModelState.AddModelError(nameof(EndSessionsModel.Password), "Enter your password");
        }

        if (ModelState.IsValid && !hasPassword && await LinkedSubjectAsync(user) is not null)
        {
            var link = "/account/sessions/sign-in-again?selection=" + Uri.EscapeDataString(reauthentication.Seal(user.Id, model.SessionIds));
            return View("SignInAgain", new SignInAgainModel(singleSignOn.Value.DisplayName, model.SessionIds.Count, link));
        }

        if (ModelState.IsValid)
        {
            if (await users.CheckPasswordAsync(user, model.Password!))
            {
                return await EndSessionsAsync(user, model.SessionIds, cancellationToken);
            }

            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(EndSessionsModel.Password), "Your password is not correct");
        }

        return View(await SessionsPageAsync(user, new EndSessionsModel { SessionIds = model.SessionIds }, cancellationToken));
    }

    /// <summary>The link on the "sign in again" page: the provider is asked to sign the person in again, whatever session it has.</summary>
    [HttpGet("account/sessions/sign-in-again")]
    public async Task<IActionResult> SignInAgain(string? selection)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.HasPasswordAsync(user) || await LinkedSubjectAsync(user) is null)
        {
            return NotFound();
        }

        if (reauthentication.Unseal(user.Id, selection) is not { } sessionIds)
        {
            return Redirect("/account/sessions");
        }

        return await metadata.IsAvailableAsync(HttpContext.RequestAborted)
            ? Challenge(reauthentication.Challenge(user.Id, sessionIds), SingleSignOnOptions.Scheme)
            : SingleSignOnController.Unavailable(this, singleSignOn.Value.DisplayName, signedIn: true);
    }

    /// <summary>Where the provider's answer comes back to: the selected sessions end only if it was this person, just now.</summary>
    [HttpGet(ProviderReauthentication.ReturnPath)]
    public async Task<IActionResult> SignedInAgain(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!singleSignOn.Value.Enabled)
        {
            return NotFound();
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var outcome = ProviderReauthentication.Check(external, user.Id, await LinkedSubjectAsync(user));
        if (outcome.Problem is { } problem)
        {
            await audit.RecordNowAsync("Session.EndRefused", "Sessions not signed out: " + problem, "User", user.Id, cancellationToken: cancellationToken);
            ModelState.AddModelError(nameof(EndSessionsModel.SessionIds), problem);
            return View(nameof(Sessions), await SessionsPageAsync(user, new EndSessionsModel(), cancellationToken));
        }

        return await EndSessionsAsync(user, outcome.SessionIds, cancellationToken);
    }

    private async Task<IActionResult> EndSessionsAsync(ApplicationUser user, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndOwnAsync(user.Id, sessionIds, CurrentSessionId, cancellationToken);
        logger.LogInformation("User {UserId} ended {Count} of their other sessions", user.Id, ended);
        this.ShowSuccess(ended == 0 ? "Those sessions had already ended" : $"Signed out of {Plural.Count(ended, "other session")}");
        return Redirect("/account/sessions");
    }

    private async Task<string?> LinkedSubjectAsync(ApplicationUser user) =>
        singleSignOn.Value.Enabled
            ? (await users.GetLoginsAsync(user)).FirstOrDefault(l => l.LoginProvider == SingleSignOnOptions.Scheme)?.ProviderKey
            : null;

    private string? CurrentSessionId => HttpContext.Items[DatabaseTicketStore.CurrentSessionItem] as string;

    private async Task<SessionsPage> SessionsPageAsync(ApplicationUser user, EndSessionsModel form, CancellationToken cancellationToken)
    {
        var list = await sessions.ListAsync(user.Id, CurrentSessionId, cancellationToken);
        var choices = list.Where(s => !s.IsCurrent)
            .Select(s => new CheckboxItem(s.Id, $"{s.Device}, signed in {UkTime.Format(s.SignedInUtc)}", $"Last active {UkTime.Format(s.LastSeenUtc)}", form.SessionIds.Contains(s.Id)))
            .ToList();
        var asksForPassword = await users.HasPasswordAsync(user) || await LinkedSubjectAsync(user) is null;
        return new SessionsPage
        {
            Sessions = list,
            OtherSessions = choices,
            SessionIds = form.SessionIds,
            ProviderName = asksForPassword ? null : singleSignOn.Value.DisplayName,
        };
    }

    [HttpGet("account/password")]
    public Task<IActionResult> ChangePassword() => WithPasswordAsync(_ => Task.FromResult<IActionResult>(View(new ChangePasswordModel())));

    [HttpPost("account/password")]
    public Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return WithPasswordAsync(user => ChangePasswordAsync(user, model));
    }

    [HttpGet("account/two-factor/reset")]
    public Task<IActionResult> ResetTwoFactor() => WithPasswordAsync(_ => Task.FromResult<IActionResult>(View(new ResetTwoFactorModel())));

    [HttpPost("account/two-factor/reset")]
    public Task<IActionResult> ResetTwoFactor(ResetTwoFactorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return WithPasswordAsync(user => ResetTwoFactorAsync(user, model));
    }

    private async Task<IActionResult> ChangePasswordAsync(ApplicationUser user, ChangePasswordModel model)
    {
        if (ModelState.IsValid && model.NewPassword != model.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ChangePasswordModel.ConfirmPassword), "The passwords do not match");
        }

        if (ModelState.IsValid)
        {
            // ChangePasswordAsync checks the current password and renews the security stamp, which signs out every other session.
            var result = await users.ChangePasswordAsync(user, model.CurrentPassword!, model.NewPassword!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                logger.LogInformation("User {UserId} changed their password", user.Id);
                await audit.RecordNowAsync("Password.Changed", "Changed their password", "User", user.Id);
                this.ShowSuccess("Your password has been changed");
                return Redirect("/account");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(
                    error.Code == "PasswordMismatch" ? nameof(ChangePasswordModel.CurrentPassword) : nameof(ChangePasswordModel.NewPassword),
                    error.Code == "PasswordMismatch" ? "Your current password is not correct" : error.Description.TrimEnd('.'));
            }
        }

        return View(new ChangePasswordModel());
    }

    private async Task<IActionResult> ResetTwoFactorAsync(ApplicationUser user, ResetTwoFactorModel model)
    {
        if (ModelState.IsValid)
        {
            var passwordOk = await users.CheckPasswordAsync(user, model.Password!);
            var codeOk = passwordOk && user.TwoFactorEnabled
                && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, model.Code!.Replace(" ", "", StringComparison.Ordinal));
            if (passwordOk && codeOk)
            {
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
                await users.UpdateSecurityStampAsync(user);
                await signIn.RefreshSignInAsync(user);
                logger.LogInformation("User {UserId} reset two-factor sign-in", user.Id);
                await audit.RecordNowAsync("TwoFactor.Reset", "Reset two-factor sign-in", "User", user.Id);
                return Redirect("/account/two-factor/setup");
            }

            if (!passwordOk)
            {
                await users.AccessFailedAsync(user);
                ModelState.AddModelError(nameof(ResetTwoFactorModel.Password), "Your password is not correct");
            }
            else
            {
                ModelState.AddModelError(nameof(ResetTwoFactorModel.Code), "Enter a correct security code from your authenticator app");
            }
        }

        return View(new ResetTwoFactorModel());
    }

    /// <summary>
    /// The pages that ask for the password again run for the signed-in person only when they have a password here;
    /// otherwise they are asked to sign in, or (single sign-on only) shown <see cref="NoPassword"/>.
    /// </summary>
    private async Task<IActionResult> WithPasswordAsync(Func<ApplicationUser, Task<IActionResult>> page)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return await users.HasPasswordAsync(user) ? await page(user) : NoPassword();
    }

    /// <summary>
    /// For someone who signs in only through single sign-on: there is no password here to change or to prove who they
    /// are with before a two-factor reset, so the page says where their password lives and who can reset two-factor.
    /// </summary>
    private ViewResult NoPassword() => View(nameof(NoPassword), singleSignOn.Value.DisplayName);
}

/// <param name="HasPassword">False for someone who signs in only through single sign-on (<paramref name="SignInProvider"/>).</param>
public sealed record MyAccountModel(string Name, string Email, bool TwoFactorEnabled, int RecoveryCodesLeft, int SessionCount, bool HasPassword, string SignInProvider);

public sealed class SessionsPage : EndSessionsModel
{
    public IReadOnlyList<SessionView> Sessions { get; init; } = [];

    public IReadOnlyList<CheckboxItem> OtherSessions { get; init; } = [];

    /// <summary>Set for someone with no password here: they confirm by signing in again at this provider.</summary>
    public string? ProviderName { get; init; }
}

public sealed record SignInAgainModel(string ProviderName, int SessionCount, string Link);

public class EndSessionsModel
{
    public List<string> SessionIds { get; set; } = [];

    /// <summary>Required of everyone with a password here (checked in the action: single sign-on people have none).</summary>
    public string? Password { get; set; }
}

public sealed class ChangePasswordModel
{
    [Required(ErrorMessage = "Enter your current password")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(PasswordPolicy.MaximumLength, ErrorMessage = "Password must be 256 characters or fewer")]
    public string? NewPassword { get; set; }

    [Required(ErrorMessage = "Enter the new password again")]
    public string? ConfirmPassword { get; set; }
}

public sealed class ResetTwoFactorModel
{
    [Required(ErrorMessage = "Enter your password")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Enter the security code from your authenticator app")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The security code must be 6 numbers")]
    public string? Code { get; set; }
}
