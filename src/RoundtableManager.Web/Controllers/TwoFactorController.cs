using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;
using RoundtableManager.Core.Audit;
using RoundtableManager.Core.Identity;
using RoundtableManager.Web.Infrastructure.Authorization;

namespace RoundtableManager.Web.Controllers;

/// <summary>Setting up an authenticator app: required for organisers and staff, offered to suppliers.</summary>
[Authorize(Policy = Policies.SignedIn)]
[AllowWithoutTwoFactor]
public sealed class TwoFactorController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IAuditLog audit,
    ILogger<TwoFactorController> logger) : Controller
{
    private const string RecoveryCodesKey = "RecoveryCodes";

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

        return View(await BuildSetupModelAsync(user, new TwoFactorSetupModel()));
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

        if (ModelState.IsValid)
        {
            var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, model.Code!.Replace(" ", "", StringComparison.Ordinal));
            if (valid)
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
                await signIn.RefreshSignInAsync(user);
                logger.LogInformation("User {UserId} set up two-factor sign-in", user.Id);
                await audit.RecordNowAsync("TwoFactor.Enabled", "Set up two-factor sign-in", "User", user.Id);
                TempData[RecoveryCodesKey] = string.Join(' ', codes ?? []);
                return RedirectToAction(nameof(RecoveryCodes));
            }

            ModelState.AddModelError(nameof(TwoFactorSetupModel.Code), "Enter a correct security code from your authenticator app");
        }

        return View(await BuildSetupModelAsync(user, model));
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

    private async Task<TwoFactorSetupModel> BuildSetupModelAsync(ApplicationUser user, TwoFactorSetupModel model)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode("Roundtable Manager:" + user.Email)}?secret={key}&issuer={UrlEncoder.Default.Encode("Roundtable Manager")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        model.QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
        model.SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
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
}
