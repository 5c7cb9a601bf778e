using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

public sealed class AccountService(UserManager<ApplicationUser> users, AppDbContext db, TimeProvider time)
{
    private const string DuplicateMessage = "An account already exists for this email address";

    /// <summary>
    /// Creates an account in one role and returns its id. Supplier accounts must name their organisation; others must
    /// not. Refusals are keyed by field (Name, Email, Password; Role for the role rules); an address that already has
    /// an account is a <see cref="CommandStatus.Conflict"/> on Email.
    /// </summary>
    public async Task<CommandResult<string>> CreateAsync(string email, string displayName, string role, int? organisationId, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Roles.IsKnown(role))
        {
            return Fail("Role", $"Role must be one of {string.Join(", ", Roles.All)}");
        }

        if ((role == Roles.Supplier) != organisationId.HasValue)
        {
            return Fail("Role", "Supplier accounts belong to one organisation; organiser and staff accounts to none");
        }

        // The name and address go into email headers and calendar invitations: one line each, whoever creates the account.
        if (AccountRules.CheckName(displayName).Concat(AccountRules.CheckEmail(email)).FirstOrDefault() is { } error)
        {
            return CommandResult.Invalid(error).As<string>();
        }

        var user = new ApplicationUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            OrganisationId = organisationId,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Two requests for one address at once: Identity's duplicate check passed for both, and the unique index
            // refused the second. Forget the refused row so nothing later in this request tries to save it again.
            db.ChangeTracker.Clear();
            if (await users.FindByEmailAsync(user.Email) is null)
            {
                throw;
            }

            return Duplicate();
        }

        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName") ? Duplicate() : Refused(created);
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return Refused(added);
        }

        return CommandResult.Done(user.Id);
    }

    private static CommandResult<string> Fail(string field, string message) => CommandResult.Invalid(field, message).As<string>();

    private static CommandResult<string> Duplicate() => new(CommandStatus.Conflict, "", [new FieldError("Email", DuplicateMessage)]);

    // Identity's own refusals: its password rules beside the password, anything else about the address. Its
    // descriptions end with a full stop, which GOV.UK error messages do not.
    private static CommandResult<string> Refused(IdentityResult result) => CommandResult.Invalid(result.Errors.Select(e =>
        new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description.TrimEnd('.')))).As<string>();
}
