using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RoundtableManager.Core.Identity;
using RoundtableManager.Web.Infrastructure;

namespace RoundtableManager.Web.Controllers;

public sealed class AccountController(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    TimeProvider time,
    IOptions<IdentityOptions> lockout,
    ILogger<AccountController> logger) : Controller
{
    public const string WrongCredentials = "Enter a correct email address and password";

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SignIn(SignInModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByEmailAsync(model.Email!.Trim());
        if (user is null)
        {
            logger.LogInformation("Sign-in failed for an unknown account");
            ModelState.AddModelError(nameof(SignInModel.Email), WrongCredentials);
            return View(model);
        }

        var result = await signIn.PasswordSignInAsync(user, model.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInUtc = time.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            logger.LogInformation("User {UserId} signed in", user.Id);
            return Url.IsLocalUrl(model.ReturnUrl) ? LocalRedirect(model.ReturnUrl) : Redirect("/");
        }

        if (result.IsLockedOut)
        {
            var lockoutEnd = await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow();
            // Identity stamps the lockout with the system clock, not TimeProvider; clamp so the two never disagree visibly.
            var minutes = Math.Clamp((int)Math.Ceiling((lockoutEnd - time.GetUtcNow()).TotalMinutes), 1, (int)lockout.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
            logger.LogWarning("User {UserId} is locked out", user.Id);
            ModelState.AddModelError(nameof(SignInModel.Email),
                $"Your account is locked because of too many failed sign-in attempts. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}");
            return View(model);
        }

        logger.LogInformation("Sign-in failed for user {UserId}", user.Id);
        ModelState.AddModelError(nameof(SignInModel.Email), WrongCredentials);
        return View(model);
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignedOut));
    }

    [AllowAnonymous]
    [HttpGet("signed-out")]
    public IActionResult SignedOut() => View();
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
