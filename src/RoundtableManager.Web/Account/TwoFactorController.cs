using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using QRCoder;

namespace RoundtableManager.Web.Account;

/// <summary>
/// Setting up an authenticator app: required for organisers and staff, offered to suppliers. Opening the page changes
/// nothing (a link from another site must not be able to reset anything): it offers a fresh key that travels, protected,
/// in the form, and is stored only when a code from it is sent back. Completing set-up keeps this session signed in.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[AllowWithoutTwoFactor]
public sealed class TwoFactorController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IUserStore<ApplicationUser> store,
    IDataProtectionProvider protection,
    TimeProvider time,
    IAuditLog audit,
    ILogger<TwoFactorController> logger) : Controller
{
    private const string RecoveryCodesKey = "RecoveryCodes";

    /// <summary>How long a set-up page's key stays usable.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(1);

    [HttpGet("account/two-factor/setup")]
    public async Task<IActionResult> Setup()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return Redirect("/account");
        }

        return View(BuildSetupModel(user, new TwoFactorSetupModel(), NewKey()));
    }

    [HttpPost("account/two-factor/setup")]
    public async Task<IActionResult> Setup(TwoFactorSetupModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return Redirect("/account");
        }

        var key = ReadKey(user, model.ProtectedKey);
        if (key is null)
        {
            ModelState.AddModelError(nameof(TwoFactorSetupModel.Code), "The set-up page was open too long. Add the new key below to your authenticator app and enter its code");
            return View(BuildSetupModel(user, model, NewKey()));
        }

        if (ModelState.IsValid && Totp.TryMatch(Totp.DecodeKey(key), model.Code!.Replace(" ", "", StringComparison.Ordinal), Totp.TimeStep(time.GetUtcNow()), Totp.AcceptedStepsEitherSide, out _))
        {
            await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
            // Through the usual check as well, so the code just used is recorded and cannot be replayed to sign in.
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, model.Code!.Replace(" ", "", StringComparison.Ordinal)))
            {
                user.MustSetUpTwoFactor = false;
                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
                // The security stamp changed: re-issue this session's cookie so it stays signed in (other sessions end).
                await signIn.RefreshSignInAsync(user);
                logger.LogInformation("User {UserId} set up two-factor sign-in", user.Id);
                await audit.RecordNowAsync("TwoFactor.Enabled", "Set up two-factor sign-in", "User", user.Id);
                TempData[RecoveryCodesKey] = string.Join(' ', codes ?? []);
                return RedirectToAction(nameof(RecoveryCodes));
            }
        }

        if (ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(TwoFactorSetupModel.Code), "Enter a correct security code from your authenticator app");
        }

        return View(BuildSetupModel(user, model, key));
    }

    [HttpGet("account/two-factor/recovery-codes")]
    public IActionResult RecoveryCodes()
    {
        // Shown once: the codes travel in the encrypted one-request TempData cookie and are never stored in plain text.
        if (TempData[RecoveryCodesKey] is not string codes)
        {
            return Redirect("/account");
        }

        return View(codes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private string NewKey() => users.GenerateNewAuthenticatorKey();

    private ITimeLimitedDataProtector KeyProtector(ApplicationUser user) =>
        protection.CreateProtector("TwoFactorSetup", user.Id).ToTimeLimitedDataProtector();

    private string? ReadKey(ApplicationUser user, string? protectedKey)
    {
        try
        {
            return string.IsNullOrEmpty(protectedKey) ? null : KeyProtector(user).Unprotect(protectedKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private TwoFactorSetupModel BuildSetupModel(ApplicationUser user, TwoFactorSetupModel model, string key)
    {
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode("Roundtable Manager:" + user.Email)}?secret={key}&issuer={UrlEncoder.Default.Encode("Roundtable Manager")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        model.QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
        model.SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        model.ProtectedKey = KeyProtector(user).Protect(key, KeyLifetime);
        return model;
    }
}

public sealed class TwoFactorSetupModel
{
    [Required(ErrorMessage = "Enter the security code from your authenticator app")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The security code must be 6 numbers")]
    public string? Code { get; set; }

    public string QrCodeDataUri { get; set; } = "";

    public string SharedKey { get; set; } = "";

    /// <summary>The offered key, protected with Data Protection for this user and an hour; stored only on success.</summary>
    public string? ProtectedKey { get; set; }
}
