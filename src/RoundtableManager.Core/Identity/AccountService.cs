using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

public sealed class AccountService(UserManager<ApplicationUser> users, AppDbContext db, TimeProvider time)
{
    /// <summary>The error code when an account with that address already exists (Identity's own code for the same).</summary>
    public const string DuplicateEmail = "DuplicateEmail";

    public static bool IsDuplicate(IdentityResult result) =>
        result is not null && result.Errors.Any(e => e.Code is DuplicateEmail or "DuplicateUserName");

    /// <summary>Creates an account in one role. Supplier accounts must name their organisation; others must not.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string displayName, string role, int? organisationId, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Roles.IsKnown(role))
        {
            return Fail("UnknownRole", $"Role must be one of {string.Join(", ", Roles.All)}");
        }

        if ((role == Roles.Supplier) != organisationId.HasValue)
        {
            return Fail("OrganisationMismatch", "Supplier accounts belong to one organisation; organiser and staff accounts to none");
        }

        // The name and address go into email headers and calendar invitations: one line each, whoever creates the account.
        if (AccountRules.CheckName(displayName).Concat(AccountRules.CheckEmail(email)).FirstOrDefault() is { } error)
        {
            return Fail(error.Field, error.Message);
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

            return Fail(DuplicateEmail, "An account already exists for this email address");
        }

        if (!created.Succeeded)
        {
            return created;
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
        }

        return added;
    }

    private static IdentityResult Fail(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
