using Microsoft.AspNetCore.Authentication;
using System.ComponentModel.DataAnnotations;
using NetEscapades.AspNetCore.SecurityHeaders;

namespace RoundtableManager.Web.Account;

public sealed class AccountController(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    TimeProvider time,
    IOptions<IdentityOptions> lockout,
    UnknownAccountSignIns unknownAccounts,
    IAuditLog audit,
    ILogger<AccountController> logger) : Controller
{
    public const string WrongCredentials = "Enter a correct email address and password";

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [RateLimit(RateLimits.SignIn)]
    public async Task<IActionResult> SignIn(SignInModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var email = model.Email!.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same hashing work and the same lockout as a real account, so neither timing nor the answer after
            // five tries tells which addresses have accounts.
            var unknown = await unknownAccounts.FailAsync(email, model.Password!, HttpContext.RequestAborted);
            logger.LogInformation("Sign-in failed for an unknown account");
            // What was typed is not recorded: people type passwords into the email box.
            await audit.RecordNowAsync("SignIn.Failed", "Sign-in failed: no account has that email address");
            return unknown.LockedOut ? LockedOut(model, UnknownMinutesLeft(unknown)) : WrongCredentialsView(model);
        }

        var result = await signIn.PasswordSignInAsync(user, model.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInUtc = time.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            logger.LogInformation("User {UserId} signed in", user.Id);
            await audit.RecordNowAsync("SignIn.Succeeded", "Signed in with a password", "User", user.Id, (user.Id, user.Email ?? ""));
            return Url.IsLocalUrl(model.ReturnUrl) ? LocalRedirect(model.ReturnUrl) : Redirect("/");
        }

        if (result.RequiresTwoFactor)
        {
            await audit.RecordNowAsync("SignIn.PasswordAccepted", "Password accepted; security code asked for", "User", user.Id, (user.Id, user.Email ?? ""));
            return RedirectToAction(nameof(SignInCode), new { returnUrl = model.ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
            await audit.RecordNowAsync("SignIn.LockedOut", "Sign-in refused: account locked after too many failures", "User", user.Id, (user.Id, user.Email ?? ""));
            return LockedOut(model, await users.MinutesLeftAsync(user));
        }

        logger.LogInformation("Sign-in failed for user {UserId}", user.Id);
        await audit.RecordNowAsync("SignIn.Failed", result.IsNotAllowed ? "Sign-in refused: account disabled" : "Sign-in failed: wrong password", "User", user.Id, (user.Id, user.Email ?? ""));
        if (result.IsNotAllowed)
        {
            // Identity refuses a disabled account before checking the password: answer as for an unknown address.
            var disabled = await unknownAccounts.FailAsync(email, model.Password!, HttpContext.RequestAborted);
            return disabled.LockedOut ? LockedOut(model, UnknownMinutesLeft(disabled)) : WrongCredentialsView(model);
        }

        return WrongCredentialsView(model);
    }

    private ViewResult WrongCredentialsView(SignInModel model)
    {
        ModelState.AddModelError(nameof(SignInModel.Email), WrongCredentials);
        return View(model);
    }

    // Unknown (and disabled) addresses are locked by the app's own clock; accounts by Identity's (AccountLockout).
    private int UnknownMinutesLeft(UnknownSignInOutcome outcome) =>
        AccountLockout.MinutesLeft(outcome.LockoutEnd, time, lockout.Value.Lockout.DefaultLockoutTimeSpan);

    private static string LockedMessage(int minutes) =>
        $"Your account is locked because of too many failed sign-in attempts. Try again in {Plural.Count(minutes, "minute")}";

    private ViewResult LockedOut(SignInModel model, int minutes)
    {
        ModelState.AddModelError(nameof(SignInModel.Email), LockedMessage(minutes));
        return View(model);
    }

    [AllowAnonymous]
    [HttpGet("sign-in/code")]
    public Task<IActionResult> SignInCode(string? returnUrl) => SecondFactorPageAsync(new SignInCodeModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in/code")]
    [RateLimit(RateLimits.SignIn)]
    public Task<IActionResult> SignInCode(SignInCodeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SecondFactorAsync(
            model,
            model.ReturnUrl,
            () => signIn.TwoFactorAuthenticatorSignInAsync(model.Code!.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false),
            nameof(SignInCodeModel.Code),
            "Enter a correct security code. A code can only be used once: wait for the next one");
    }

    [AllowAnonymous]
    [HttpGet("sign-in/recovery-code")]
    public Task<IActionResult> SignInRecoveryCode(string? returnUrl) => SecondFactorPageAsync(new SignInRecoveryCodeModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in/recovery-code")]
    [RateLimit(RateLimits.SignIn)]
    public Task<IActionResult> SignInRecoveryCode(SignInRecoveryCodeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SecondFactorAsync(
            model,
            model.ReturnUrl,
            () => signIn.TwoFactorRecoveryCodeSignInAsync(model.RecoveryCode!.Replace(" ", "", StringComparison.Ordinal)),
            nameof(SignInRecoveryCodeModel.RecoveryCode),
            "Enter a correct recovery code. Each recovery code can only be used once");
    }

    /// <summary>A page with the sign-out button, for places that can only link here (the jobs dashboard).</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [AllowWithoutTwoFactor]
    [HttpGet("sign-out")]
    public IActionResult ConfirmSignOut() => View("SignOut");

    [Authorize(Policy = Policies.SignedIn)]
    [AllowWithoutTwoFactor]
    [HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await audit.RecordNowAsync("SignOut", "Signed out");
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignedOut));
    }

    [AllowAnonymous]
    [HttpGet("signed-out")]
    public IActionResult SignedOut() => View();

    /// <summary>
    /// The one-time link from an account email. The token leaves the address bar at once (into the encrypted TempData
    /// cookie) and nothing is used up until the form is sent, because mail scanners open links.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("account/set-password")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    public async Task<IActionResult> SetPassword(string? user, string? token)
    {
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(token))
        {
            TempData[SetPasswordUserKey] = user;
            TempData[SetPasswordTokenKey] = token;
            return RedirectToAction(nameof(SetPassword), new { user = (string?)null, token = (string?)null });
        }

        var account = await FindSetPasswordUserAsync();
        return account is null ? SetPasswordLinkInvalid() : View(new SetPasswordModel());
    }

    [AllowAnonymous]
    [HttpPost("account/set-password")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    [RateLimit(RateLimits.SignIn)]
    public async Task<IActionResult> SetPassword(SetPasswordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var account = await FindSetPasswordUserAsync();
        if (account is null)
        {
            return SetPasswordLinkInvalid();
        }

        if (ModelState.IsValid && model.Password != model.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(SetPasswordModel.ConfirmPassword), "The passwords do not match");
        }

        if (ModelState.IsValid)
        {
            var result = await users.ResetPasswordAsync(account.Value.User, account.Value.Token, model.Password!);
            if (result.Succeeded)
            {
                TempData.Remove(SetPasswordUserKey);
                TempData.Remove(SetPasswordTokenKey);
                logger.LogInformation("User {UserId} set their password from an account link", account.Value.User.Id);
                await audit.RecordNowAsync("Password.Set", "Set a password from an account link", "User", account.Value.User.Id, (account.Value.User.Id, account.Value.User.Email ?? ""));
                this.ShowSuccess("Your password is set. Sign in to continue");
                return RedirectToAction(nameof(SignIn));
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(SetPasswordModel.Password), error.Description.TrimEnd('.'));
            }
        }

        return View(new SetPasswordModel());
    }

    private ViewResult SetPasswordLinkInvalid()
    {
        HttpContext.NoteRefusal("account link not valid (unknown, used, expired or missing)");
        return View("SetPasswordLinkInvalid");
    }

    private const string SetPasswordUserKey = "SetPassword.User";
    private const string SetPasswordTokenKey = "SetPassword.Token";

    private async Task<(ApplicationUser User, string Token)?> FindSetPasswordUserAsync()
    {
        // TempData's serializer hands a GUID-shaped string back as a Guid, so read both as text.
        var userId = TempData.Peek(SetPasswordUserKey)?.ToString();
        var token = TempData.Peek(SetPasswordTokenKey)?.ToString();
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || user.DisabledUtc is not null
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token))
        {
            return null;
        }

        return (user, token);
    }

    /// <summary>A page of the second step of sign-in: only for someone whose first step was accepted; anyone else starts again.</summary>
    private async Task<IActionResult> SecondFactorPageAsync(object model) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToAction(nameof(SignIn)) : View(model);

    /// <summary>The second step of sign-in, with a security code or a recovery code, for the user whose password was accepted.</summary>
    private async Task<IActionResult> SecondFactorAsync(object model, string? returnUrl, Func<Task<Microsoft.AspNetCore.Identity.SignInResult>> attempt, string field, string wrongCode)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        // The first step was a password, or single sign-on whose provider asserted no multi-factor check.
        var firstStep = (await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme)).Principal?.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value;
        var viaSingleSignOn = firstStep == Core.Identity.SingleSignOn.SingleSignOnOptions.Scheme;
        return await AfterSecondFactorAsync(await attempt(), user, returnUrl, field, wrongCode, viaSingleSignOn);
    }

    private async Task<IActionResult> AfterSecondFactorAsync(Microsoft.AspNetCore.Identity.SignInResult result, ApplicationUser user, string? returnUrl, string field, string wrongCode, bool viaSingleSignOn)
    {
        if (result.Succeeded)
        {
            user.LastSignInUtc = time.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            logger.LogInformation("User {UserId} signed in with two factors", user.Id);
            var code = field == nameof(SignInCodeModel.Code) ? "security code" : "recovery code";
            await audit.RecordNowAsync("SignIn.Succeeded", viaSingleSignOn ? $"Signed in with single sign-on and a {code}" : $"Signed in with a password and {code}", "User", user.Id, (user.Id, user.Email ?? ""));
            return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect("/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
            await audit.RecordNowAsync("SignIn.LockedOut", "Sign-in refused: account locked after too many failures", "User", user.Id, (user.Id, user.Email ?? ""));
            ModelState.AddModelError(field, LockedMessage(await users.MinutesLeftAsync(user)));
        }
        else
        {
            logger.LogInformation("Second-factor sign-in failed for user {UserId}", user.Id);
            await audit.RecordNowAsync("SignIn.Failed", "Sign-in failed: wrong security or recovery code", "User", user.Id, (user.Id, user.Email ?? ""));
            ModelState.AddModelError(field, wrongCode);
        }

        return field == nameof(SignInCodeModel.Code)
            ? View(nameof(SignInCode), new SignInCodeModel { ReturnUrl = returnUrl })
            : View(nameof(SignInRecoveryCode), new SignInRecoveryCodeModel { ReturnUrl = returnUrl });
    }
}

public sealed class SetPasswordModel
{
    [Required(ErrorMessage = "Enter a password")]
    [StringLength(PasswordPolicy.MaximumLength, ErrorMessage = "Password must be 256 characters or fewer")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Enter the password again")]
    public string? ConfirmPassword { get; set; }
}

public sealed class SignInCodeModel
{
    [Required(ErrorMessage = "Enter the security code from your authenticator app")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The security code must be 6 numbers")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class SignInRecoveryCodeModel
{
    [Required(ErrorMessage = "Enter a recovery code")]
    [StringLength(20, ErrorMessage = "Recovery codes are 11 characters, like 1A2B3-C4D5E")]
    public string? RecoveryCode { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class SignInModel
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.gov.uk")]
    [StringLength(254, ErrorMessage = "Email address must be 254 characters or fewer")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password")]
    [StringLength(PasswordPolicy.MaximumLength, ErrorMessage = "Password must be 256 characters or fewer")]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
