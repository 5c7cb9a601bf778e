using Microsoft.AspNetCore.Authentication;

namespace RoundtableManager.Web.Account;

/// <summary>
/// Sign-in through the department's OpenID Connect provider. The provider vouches for the person; this app decides
/// which account (an existing organiser or staff account, by verified email at an allowed domain) and what they may do.
/// Every path answers 404 while single sign-on is not configured.
/// </summary>
public sealed class SingleSignOnController(
    AppSignInManager signIn,
    UserManager<ApplicationUser> users,
    SingleSignOnService singleSignOn,
    ProviderMetadata metadata,
    IOptions<SingleSignOnOptions> options,
    TimeProvider time,
    IAuditLog audit,
    ILogger<SingleSignOnController> logger) : Controller
{
    public const string FailedPath = "/sign-in/sso/failed";

    /// <summary>
    /// A link, not a form: the Content Security Policy's form-action 'self' rightly stops a form submission from being
    /// redirected to another site, and starting a sign-in changes nothing here (the provider's answer is what counts).
    /// </summary>
    [AllowAnonymous]
    [HttpGet("sign-in/sso")]
    [RateLimit(RateLimits.SignIn)]
    public async Task<IActionResult> Start(string? returnUrl)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        // A session starts only from a person's own action here (ASVS 7.6.2): another site's link or script lands on the
        // sign-in page and its button, instead of going straight to the provider, which may answer without asking.
        if (Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
        {
            return Redirect(Url.IsLocalUrl(returnUrl) ? "/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl) : "/sign-in");
        }

        if (!await metadata.IsAvailableAsync(HttpContext.RequestAborted))
        {
            return Unavailable(this, options.Value.DisplayName, signedIn: false);
        }

        var complete = Url.Action(nameof(Complete), new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(SingleSignOnOptions.Scheme, complete), SingleSignOnOptions.Scheme);
    }

    [AllowAnonymous]
    [HttpGet("sign-in/sso/complete")]
    public async Task<IActionResult> Complete(string? returnUrl)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || ProviderIdentity.From(external.Principal) is not { } identity)
        {
            return RedirectToAction(nameof(Failed));
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var match = await singleSignOn.MatchAsync(identity, HttpContext.RequestAborted);
        if (match.Refusal != SingleSignOnRefusal.None)
        {
            return await RefusedAsync(match, identity);
        }

        var user = match.User!;
        if (match.NewLink)
        {
            var linked = await singleSignOn.LinkAsync(user, identity);
            if (!linked.Succeeded)
            {
                return await RefusedAsync(SingleSignOnMatch.Refused(SingleSignOnRefusal.LinkedToAnotherIdentity, user), identity);
            }

            await audit.RecordNowAsync("Account.SingleSignOnLinked", "Account linked to a single sign-on identity at first sign-in", "User", user.Id, Actor(user));
        }

        var multiFactor = singleSignOn.AssertsMultiFactor(identity);
        var result = await signIn.SingleSignOnAsync(user, SingleSignOnOptions.Scheme, multiFactor);
        if (result.RequiresTwoFactor)
        {
            await audit.RecordNowAsync("SignIn.SingleSignOnAccepted", "Single sign-on accepted without a multi-factor assertion; security code asked for", "User", user.Id, Actor(user));
            return RedirectToAction(nameof(AccountController.SignInCode), "Account", new { returnUrl });
        }

        if (!result.Succeeded)
        {
            return await RefusedAsync(SingleSignOnMatch.Refused(result.IsLockedOut ? SingleSignOnRefusal.LockedOut : SingleSignOnRefusal.Disabled, user), identity);
        }

        user.LastSignInUtc = time.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        logger.LogInformation("User {UserId} signed in with single sign-on", user.Id);
        await audit.RecordNowAsync(
            "SignIn.Succeeded",
            multiFactor ? "Signed in with single sign-on; the provider asserted multi-factor sign-in" : "Signed in with single sign-on (no multi-factor assertion)",
            "User",
            user.Id,
            Actor(user));
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect("/");
    }

    /// <summary>Where the provider's error answer, a cancelled sign-in or a stale callback ends up.</summary>
    [AllowAnonymous]
    [HttpGet("sign-in/sso/failed")]
    public IActionResult Failed() => options.Value.Enabled ? View(new SingleSignOnRefusedModel(SingleSignOnRefusal.None, options.Value.DisplayName, null, null)) : NotFound();

    /// <summary>The provider's metadata could not be had or was refused: a 503 page saying so, and what to do instead.</summary>
    internal static ViewResult Unavailable(Controller controller, string providerName, bool signedIn)
    {
        controller.HttpContext.NoteRefusal("single sign-on unavailable: provider metadata not usable");
        controller.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return controller.View("SingleSignOnUnavailable", new SingleSignOnUnavailableModel(providerName, signedIn));
    }

    private async Task<IActionResult> RefusedAsync(SingleSignOnMatch match, ProviderIdentity identity)
    {
        var user = match.User;
        var reason = match.Refusal switch
        {
            SingleSignOnRefusal.NoEmail => "the provider gave no email address",
            SingleSignOnRefusal.EmailNotVerified => "the provider has not verified the email address",
            SingleSignOnRefusal.DomainNotAllowed => $"the email domain {SingleSignOnService.DomainOf(identity.Email)} is not allowed",
            SingleSignOnRefusal.NoAccount => $"no organiser or staff account has that email address (domain {SingleSignOnService.DomainOf(identity.Email)})",
            SingleSignOnRefusal.Supplier => "supplier accounts sign in with a password",
            SingleSignOnRefusal.Disabled => "account disabled",
            SingleSignOnRefusal.LockedOut => "account locked after too many failures",
            _ => "the account is linked to a different single sign-on identity",
        };
        logger.LogInformation("Single sign-on refused: {Refusal}", match.Refusal);
        await audit.RecordNowAsync(
            match.Refusal == SingleSignOnRefusal.LockedOut ? "SignIn.LockedOut" : "SignIn.Failed",
            "Single sign-on refused: " + reason,
            user is null ? null : "User",
            user?.Id,
            user is null ? null : Actor(user));
        HttpContext.NoteRefusal("single sign-on refused: " + match.Refusal);
        int? lockedMinutes = match.Refusal == SingleSignOnRefusal.LockedOut && user is not null ? await users.MinutesLeftAsync(user) : null;

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Refused", new SingleSignOnRefusedModel(match.Refusal, options.Value.DisplayName, identity.Email, lockedMinutes)
        {
            AllowedDomains = [.. options.Value.AllowedEmailDomains],
        });
    }

    private static (string? Id, string Name) Actor(ApplicationUser user) => (user.Id, user.Email ?? "");
}

public sealed record SingleSignOnRefusedModel(SingleSignOnRefusal Refusal, string ProviderName, string? Email, int? LockedMinutes)
{
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    public string LockedFor => Plural.Count(LockedMinutes ?? 15, "minute");
}
