using System.ComponentModel.DataAnnotations;

namespace RoundtableManager.Web.Users;

/// <summary>Organisers manage who can use the service.</summary>
[Authorize(Policy = Policies.Organiser)]
public sealed class UsersController(
    UserAdministrationService administration,
    SessionService sessions,
    UserManager<ApplicationUser> users,
    ILogger<UsersController> logger) : Controller
{
    public static readonly IReadOnlyList<SelectListItem> GovernmentRoles =
    [
        new("Organiser: runs roundtables, invites suppliers, manages users", Roles.Organiser),
        new("Staff: reads roundtables and responses, tracks follow-up actions", Roles.Staff),
    ];

    [HttpGet("users")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await administration.ListAsync(cancellationToken));

    [HttpGet("users/new")]
    public IActionResult New() => View(new AddUserModel());

    [HttpPost("users/new")]
    public async Task<IActionResult> New(AddUserModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelState.AddFieldErrors(AccountRules.CheckName(model.Name, nameof(AddUserModel.Name)));
        ModelState.AddFieldErrors(AccountRules.CheckEmail(model.Email, nameof(AddUserModel.Email)));
        if (ModelState.IsValid)
        {
            var result = await administration.AddAsync(model.Name, model.Email, model.Role!, cancellationToken);
            if (this.ShowResult(result, $"{model.Name!.Trim()} has been added. We have emailed them a link to set their password"))
            {
                logger.LogInformation("User {ActorId} added a {Role} account", users.GetUserId(User), model.Role);
                return Redirect("/users");
            }
        }

        return View(model);
    }

    [HttpGet("users/{id}/role")]
    public async Task<IActionResult> Role(string id, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        return user is null || user.Role == Roles.Supplier ? NotFound() : View(new ChangeRoleModel { Name = user.Name, Role = user.Role });
    }

    [HttpPost("users/{id}/role")]
    public async Task<IActionResult> Role(string id, ChangeRoleModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var user = await administration.FindAsync(id, cancellationToken);
        if (user is null || user.Role == Roles.Supplier)
        {
            return NotFound();
        }

        model.Name = user.Name;
        if (ModelState.IsValid)
        {
            var result = await administration.ChangeRoleAsync(id, model.Role!, users.GetUserId(User)!, cancellationToken);
            if (this.ShowResult(result, $"{user.Name} is now {(model.Role == Roles.Organiser ? "an organiser" : "staff")}"))
            {
                logger.LogInformation("User {ActorId} changed the role of {UserId} to {Role}", users.GetUserId(User), id, model.Role);
                return Redirect("/users");
            }
        }

        return View(model);
    }

    [HttpGet("users/{id}/disable")]
    public async Task<IActionResult> Disable(string id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await administration.FindAsync(id, cancellationToken));

    [HttpPost("users/{id}/disable")]
    public async Task<IActionResult> DisableConfirmed(string id, CancellationToken cancellationToken) =>
        await SetDisabledAsync(id, disabled: true, cancellationToken);

    [HttpPost("users/{id}/enable")]
    public async Task<IActionResult> Enable(string id, CancellationToken cancellationToken) =>
        await SetDisabledAsync(id, disabled: false, cancellationToken);

    [HttpPost("users/{id}/resend")]
    public async Task<IActionResult> Resend(string id, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        await administration.ResendSetPasswordLinkAsync(id, cancellationToken);
        this.ShowSuccess($"We have emailed {user.Name} a new link to set their password");
        return Redirect("/users");
    }

    /// <summary>Ends every session a person has, at once (ASVS 7.4.5), without disabling them.</summary>
    [HttpGet("users/{id}/sign-out")]
    public async Task<IActionResult> SignOutEverywhere(string id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await administration.FindAsync(id, cancellationToken));

    [HttpPost("users/{id}/sign-out")]
    public async Task<IActionResult> SignOutEverywhereConfirmed(string id, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var ended = await sessions.EndAllForUserAsync(id, user.Name, cancellationToken);
        logger.LogInformation("User {ActorId} signed {UserId} out everywhere ({Count} sessions)", users.GetUserId(User), id, ended);
        this.ShowSuccess($"{user.Name} has been signed out everywhere ({Plural.Count(ended, "session")} ended)");
        return id == users.GetUserId(User) ? Redirect("/sign-in") : Redirect("/users");
    }

    /// <summary>Ends everyone's sessions but the organiser's own current one (ASVS 7.4.5), for example after a suspected breach.</summary>
    [HttpGet("users/sign-out-everyone")]
    public IActionResult SignOutEveryone() => View();

    [HttpPost("users/sign-out-everyone")]
    public async Task<IActionResult> SignOutEveryoneConfirmed(CancellationToken cancellationToken)
    {
        var ended = await sessions.EndEveryoneElseAsync(HttpContext.Items[DatabaseTicketStore.CurrentSessionItem] as string, cancellationToken);
        logger.LogWarning("User {ActorId} signed everyone else out ({Count} sessions)", users.GetUserId(User), ended);
        this.ShowSuccess($"Everyone else has been signed out ({Plural.Count(ended, "session")} ended)");
        return Redirect("/users");
    }

    /// <summary>For someone who lost their authenticator app and recovery codes (ASVS 6.4.4); see <see cref="UserAdministrationService.ResetTwoFactorAsync"/>.</summary>
    [HttpGet("users/{id}/two-factor")]
    public async Task<IActionResult> ResetTwoFactor(string id, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        return user is null ? NotFound() : View(new ResetUserTwoFactorModel { User = user });
    }

    [HttpPost("users/{id}/two-factor")]
    public async Task<IActionResult> ResetTwoFactor(string id, ResetUserTwoFactorModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var user = await administration.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        model.User = user;
        var result = await administration.ResetTwoFactorAsync(id, users.GetUserId(User)!, model.IdentityCheck, cancellationToken);
        if (!this.ShowResult(result, $"{user.Name}’s two-factor sign-in has been reset. They are signed out everywhere and will set it up again when they next sign in. We have emailed them"))
        {
            return View(model);
        }

        logger.LogWarning("User {ActorId} reset the two-factor sign-in of {UserId}", users.GetUserId(User), id);
        return Redirect("/users");
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var result = await administration.SetDisabledAsync(id, disabled, users.GetUserId(User)!, cancellationToken);
        if (!this.ShowResult(result, disabled ? $"{user.Name}’s account is disabled. They are signed out within a minute" : $"{user.Name}’s account is enabled again"))
        {
            return View(nameof(Disable), user);
        }

        logger.LogInformation("User {ActorId} {Action} account {UserId}", users.GetUserId(User), disabled ? "disabled" : "enabled", id);
        return Redirect("/users");
    }
}

public sealed class AddUserModel
{
    /// <summary>Checked by <see cref="AccountRules.CheckName"/>.</summary>
    public string? Name { get; set; }

    /// <summary>Checked by <see cref="AccountRules.CheckEmail"/>.</summary>
    public string? Email { get; set; }

    [Required(ErrorMessage = "Select organiser or staff")]
    public string? Role { get; set; }
}

public sealed class ResetUserTwoFactorModel
{
    [ShownOnly]
    public UserSummary User { get; set; } = null!;

    public string? IdentityCheck { get; set; }
}

public sealed class ChangeRoleModel
{
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Select organiser or staff")]
    public string? Role { get; set; }
}
