using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using RoundtableManager.Core.Identity;
using RoundtableManager.Web.Infrastructure;

namespace RoundtableManager.Web.Users;

/// <summary>Organisers manage who can use the service.</summary>
[Authorize(Policy = Policies.Organiser)]
public sealed class UsersController(UserAdministrationService administration, UserManager<ApplicationUser> users, ILogger<UsersController> logger) : Controller
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
            if (result.Succeeded)
            {
                logger.LogInformation("User {ActorId} added a {Role} account", users.GetUserId(User), model.Role);
                this.ShowSuccess($"{model.Name!.Trim()} has been added. We have emailed them a link to set their password");
                return Redirect("/users");
            }

            ModelState.AddModelError(result.Field!, result.Error!);
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
            if (result.Succeeded)
            {
                logger.LogInformation("User {ActorId} changed the role of {UserId} to {Role}", users.GetUserId(User), id, model.Role);
                this.ShowSuccess($"{user.Name} is now {(model.Role == Roles.Organiser ? "an organiser" : "staff")}");
                return Redirect("/users");
            }

            ModelState.AddModelError(nameof(ChangeRoleModel.Role), result.Error!);
        }

        return View(model);
    }

    [HttpGet("users/{id}/disable")]
    public async Task<IActionResult> Disable(string id, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        return user is null ? NotFound() : View(user);
    }

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

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        var user = await administration.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var result = await administration.SetDisabledAsync(id, disabled, users.GetUserId(User)!, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Error!);
            return View(nameof(Disable), user);
        }

        logger.LogInformation("User {ActorId} {Action} account {UserId}", users.GetUserId(User), disabled ? "disabled" : "enabled", id);
        this.ShowSuccess(disabled ? $"{user.Name}’s account is disabled. They are signed out within a minute" : $"{user.Name}’s account is enabled again");
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

public sealed class ChangeRoleModel
{
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Select organiser or staff")]
    public string? Role { get; set; }
}
