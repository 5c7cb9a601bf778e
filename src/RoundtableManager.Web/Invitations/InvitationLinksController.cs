using System.ComponentModel.DataAnnotations;
using NetEscapades.AspNetCore.SecurityHeaders;

namespace RoundtableManager.Web.Invitations;

/// <summary>An opened invitation link: the anonymous landing, then on to the portal by creating the account bound to the invited address, or signing in.</summary>
public sealed class InvitationLinksController(
    InvitationLinks links,
    PendingInvitationCookie pending,
    AccountService accounts,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IAuditLog audit) : Controller
{
    private const string NotValidView = "NotValid";

    /// <summary>
    /// Where a personal link lands. Only the opened time changes (mail scanners fetch links). A good token is moved into
    /// a protected cookie and the browser sent on to a clean address, so the token never reaches another page, a
    /// Referer header or a cache. A wrong, expired or revoked token gets the same "not valid" page and status.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("invitation/{token}")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    [RateLimit(RateLimits.InvitationLink)]
    public async Task<IActionResult> Open(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var landing = await links.OpenLinkAsync(token, cancellationToken);
        if (landing is null)
        {
            HttpContext.NoteRefusal("invitation link not valid (unknown, expired or revoked)");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View(NotValidView, new NewLinkModel());
        }

        pending.Set(HttpContext, InvitationToken.Hash(token));
        return Redirect("/invitation");
    }

    [AllowAnonymous]
    [HttpGet("invitation")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    public async Task<IActionResult> Continue(CancellationToken cancellationToken)
    {
        var link = await links.FindLinkAsync(pending.Get(HttpContext), cancellationToken);
        if (link is null)
        {
            return NotValid();
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            if (User.OrganisationId() == link.OrganisationId)
            {
                pending.Clear(HttpContext);
                return Redirect($"/portal/invitations/{link.InvitationId}");
            }

            return View("WrongAccount", link);
        }

        return await users.FindByEmailAsync(link.Email) is null
            ? Redirect("/invitation/account")
            : Redirect("/sign-in?returnUrl=%2Finvitation");
    }

    [AllowAnonymous]
    [HttpGet("invitation/account")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    public async Task<IActionResult> Account(CancellationToken cancellationToken)
    {
        var link = await links.FindLinkAsync(pending.Get(HttpContext), cancellationToken);
        return link is null ? NotValid() : View(new CreateAccountModel { Email = link.Email, Name = link.Name });
    }

    /// <summary>The address is the one the link was issued to, whatever is posted: a forwarded link cannot make someone else's account.</summary>
    [AllowAnonymous]
    [HttpPost("invitation/account")]
    [RateLimit(RateLimits.SignIn)]
    public async Task<IActionResult> Account(CreateAccountModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var link = await links.FindLinkAsync(pending.Get(HttpContext), cancellationToken);
        if (link is null)
        {
            return NotValid();
        }

        model.Email = link.Email;
        ModelState.Remove(nameof(CreateAccountModel.Email));
        if (await users.FindByEmailAsync(link.Email) is not null)
        {
            return AccountExists();
        }

        ModelState.AddFieldErrors(AccountRules.CheckName(model.Name, nameof(CreateAccountModel.Name), "Enter your full name"));
        if (ModelState.IsValid && model.Password != model.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(CreateAccountModel.ConfirmPassword), "The passwords do not match");
        }

        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAsync(link.Email, model.Name!, Roles.Supplier, link.OrganisationId, model.Password!, cancellationToken);
            if (result.Succeeded)
            {
                var user = (await users.FindByIdAsync(result.Value))!;
                await audit.RecordNowAsync("Account.CreatedFromInvitation", "Supplier account created from an invitation link", "User", user.Id, (user.Id, user.Email ?? ""), cancellationToken);
                await signIn.SignInAsync(user, isPersistent: false);
                pending.Clear(HttpContext);
                this.ShowSuccess("Your account has been created");
                return Redirect($"/portal/invitations/{link.InvitationId}");
            }

            if (result.Status == CommandStatus.Conflict)
            {
                // Another request from this link (a double click, a second tab) created the account a moment ago.
                return AccountExists();
            }

            // The address comes from the invitation, not the form: anything not about the name goes beside the password.
            ModelState.AddFieldErrors(result.Errors.Select(e => e.Field == nameof(CreateAccountModel.Name) ? e : e with { Field = nameof(CreateAccountModel.Password) }));
        }

        return View(new CreateAccountModel { Email = link.Email, Name = model.Name });
    }

    /// <summary>Always the same answer, so the form says nothing about which addresses have invitations.</summary>
    [AllowAnonymous]
    [HttpPost("invitation/new-link")]
    [RateLimit(RateLimits.NewLink)]
    public async Task<IActionResult> NewLink(NewLinkModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View(NotValidView, model);
        }

        await links.SendNewLinksAsync(model.Email!, cancellationToken);
        return View("NewLinkSent");
    }

    private ViewResult AccountExists()
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("AccountExists");
    }

    private ViewResult NotValid()
    {
        pending.Clear(HttpContext);
        HttpContext.NoteRefusal("invitation link not valid (unknown, expired, revoked or missing)");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View(NotValidView, new NewLinkModel());
    }
}

public sealed class CreateAccountModel
{
    /// <summary>Shown, never read from the form.</summary>
    public string? Email { get; set; }

    /// <summary>Checked by <see cref="AccountRules.CheckName"/>.</summary>
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter a password")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Confirm your password")]
    public string? ConfirmPassword { get; set; }
}

public sealed class NewLinkModel
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    public string? Email { get; set; }
}
