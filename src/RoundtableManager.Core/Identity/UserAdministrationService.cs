using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

public sealed record UserSummary(string Id, string Name, string Email, string Role, bool TwoFactorEnabled, DateTime? LastSignInUtc, DateTime? DisabledUtc, bool PasswordSet, int ActiveSessions = 0);

/// <summary>What organisers do to accounts: add organisers and staff, change roles, disable and enable.</summary>
public sealed class UserAdministrationService(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IEmailOutbox outbox,
    IOptions<EmailOptions> email,
    IOptions<SignInSessionOptions> sessions,
    IAuditLog audit,
    TimeProvider time)
{
    public static readonly TimeSpan SetPasswordLinkLifetime = TimeSpan.FromDays(3);

    /// <summary>The longest note an organiser writes about how they checked who asked for a two-factor reset.</summary>
    public const int IdentityCheckMaxLength = 300;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var oldestSession = now - sessions.Value.AbsoluteLifetime;
        var rows = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          orderby r.Name, u.DisplayName
                          select new UserSummary(u.Id, u.DisplayName, u.Email!, r.Name!, u.TwoFactorEnabled, u.LastSignInUtc, u.DisabledUtc, u.PasswordHash != null,
                              db.UserSessions.Count(s => s.UserId == u.Id && (s.ExpiresUtc == null || s.ExpiresUtc >= now) && s.CreatedUtc > oldestSession)))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<UserSummary?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(u => u.Id == id);

    /// <summary>Creates an organiser or staff account with no password and queues an email with a one-time link to set one.</summary>
    public async Task<CommandResult> AddAsync(string? name, string? emailAddress, string role, CancellationToken cancellationToken)
    {
        if (AccountRules.CheckName(name).Concat(AccountRules.CheckEmail(emailAddress)).FirstOrDefault() is { } error)
        {
            return CommandResult.Invalid(error.Field, error.Message);
        }

        if (role is not (Roles.Organiser or Roles.Staff))
        {
            return CommandResult.Invalid("Role", "Select organiser or staff");
        }

        if (await users.FindByEmailAsync(emailAddress!.Trim()) is not null)
        {
            return CommandResult.Invalid("Email", "There is already an account with this email address");
        }

        return await db.InTransactionAsync(async () =>
        {
            var user = new ApplicationUser
            {
                UserName = emailAddress!.Trim(),
                Email = emailAddress.Trim(),
                EmailConfirmed = true,
                DisplayName = name!.Trim(),
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return CommandResult.Invalid("Email", created.Errors.First().Description.TrimEnd('.'));
            }

            await users.AddToRoleAsync(user, role);
            await QueueSetPasswordEmailAsync(user, role, isNew: true);
            audit.Record("User.Added", $"Added {user.DisplayName} ({user.Email}) as {role}", "User", user.Id);
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done();
        }, cancellationToken);
    }

    public async Task<CommandResult> ResendSetPasswordLinkAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return CommandResult.NotFound("The account no longer exists");
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Staff;
        await QueueSetPasswordEmailAsync(user, role, isNew: user.PasswordHash is null);
        audit.Record("User.LinkResent", $"Sent {user.DisplayName} a new link to set a password", "User", user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }

    public async Task<CommandResult> ChangeRoleAsync(string id, string role, string actingUserId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (role is not (Roles.Organiser or Roles.Staff))
        {
            return CommandResult.Invalid("Role", "Select organiser or staff");
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return CommandResult.NotFound("The account no longer exists");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Supplier))
        {
            return CommandResult.Invalid("Role", "Supplier accounts cannot be given a government role");
        }

        if (current.Contains(role))
        {
            return CommandResult.Unchanged();
        }

        if (current.Contains(Roles.Organiser) && id == actingUserId)
        {
            return CommandResult.Invalid("Role", "You cannot remove your own organiser role. Ask another organiser");
        }

        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordNowAsync("User.RoleChanged", $"Changed {user.DisplayName}'s role from {string.Join(", ", current)} to {role}", "User", user.Id, cancellationToken: cancellationToken);
        return CommandResult.Done();
    }

    public async Task<CommandResult> SetDisabledAsync(string id, bool disabled, string actingUserId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (disabled && id == actingUserId)
        {
            return CommandResult.NotAllowed("You cannot disable your own account");
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return CommandResult.NotFound("The account no longer exists");
        }

        user.DisabledUtc = disabled ? time.GetUtcNow().UtcDateTime : null;
        await users.UpdateAsync(user);
        // A new stamp invalidates every cookie at its next check (within a minute).
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordNowAsync(disabled ? "User.Disabled" : "User.Enabled", $"{(disabled ? "Disabled" : "Enabled")} {user.DisplayName}'s account", "User", user.Id, cancellationToken: cancellationToken);
        return CommandResult.Done();
    }

    /// <summary>
    /// For someone who has lost their authenticator app and their recovery codes (ASVS 6.4.4): the organiser records how
    /// they confirmed the request came from that person (the same check as when the account was given: someone the
    /// organiser can reach through a channel they already trust). Two-factor sign-in, the app's key and the recovery
    /// codes are removed, every session ends at once, the person is emailed, and at their next sign-in they must set
    /// up an authenticator app again before anything else, whatever their role.
    /// </summary>
    public async Task<CommandResult> ResetTwoFactorAsync(string id, string actingUserId, string? identityCheck, CancellationToken cancellationToken)
    {
        var check = identityCheck?.Trim() ?? "";
        if (check.Length == 0)
        {
            return CommandResult.Invalid("IdentityCheck", "Enter how you confirmed the request came from them");
        }

        if (check.Length > IdentityCheckMaxLength)
        {
            return CommandResult.Invalid("IdentityCheck", $"How you confirmed it must be {IdentityCheckMaxLength} characters or fewer");
        }

        if (check.Any(char.IsControl))
        {
            return CommandResult.Invalid("IdentityCheck", "How you confirmed it must not contain line breaks or control characters");
        }

        if (id == actingUserId)
        {
            return CommandResult.Invalid("IdentityCheck", "You cannot reset your own two-factor sign-in here. Use Your account, or ask another organiser");
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return CommandResult.NotFound("The account no longer exists");
        }

        if (!user.TwoFactorEnabled)
        {
            return CommandResult.Invalid("IdentityCheck", $"{user.DisplayName} has not set up two-factor sign-in, so there is nothing to reset");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.MustSetUpTwoFactor = true;
        await users.SetTwoFactorEnabledAsync(user, false);
        // A fresh key nobody has seen replaces the lost one; the recovery codes go.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        var ended = await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        outbox.Enqueue(new EmailDraft("TwoFactorReset", user.Email!, user.DisplayName, "Your two-factor sign-in for Roundtable Manager was reset",
            new EmailBody()
                .Heading("Your two-factor sign-in was reset")
                .Paragraph($"Hello {user.DisplayName},")
                .Paragraph("An organiser reset your two-factor sign-in for Roundtable Manager, after checking with you that you had lost your authenticator app. You have been signed out everywhere.")
                .Paragraph("Next time you sign in with your password, you will set up your authenticator app again and get new recovery codes.")
                .Paragraph("If you did not ask for this, tell the roundtable organisers straight away.")));
        audit.Record("TwoFactor.ResetByOrganiser", $"Reset {user.DisplayName}'s two-factor sign-in ({Plural.Count(ended, "session")} ended). Identity confirmed by: {check}", "User", user.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Done();
    }

    private async Task QueueSetPasswordEmailAsync(ApplicationUser user, string role, bool isNew)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{email.Value.PublicBaseUrl.TrimEnd('/')}/account/set-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        var roleText = role == Roles.Organiser ? "an organiser" : "a member of staff";
        var body = new EmailBody()
            .Heading(isNew ? "Set up your Roundtable Manager account" : "Set a new password for Roundtable Manager")
            .Paragraph($"Hello {user.DisplayName},")
            .Paragraph(isNew
                ? $"You have been given an account on Roundtable Manager as {roleText}. Use the link below to choose your password. You will then set up two-factor sign-in with an authenticator app."
                : "Use the link below to choose a new password.")
            .PersonalLink("Set your password", link)
            .Paragraph($"The link works once and expires in {Plural.Count(SetPasswordLinkLifetime.TotalDays, "0", "day")}. If you were not expecting this email, you can ignore it.");
        outbox.Enqueue(new EmailDraft("AccountSetup", user.Email!, user.DisplayName, isNew ? "Set up your Roundtable Manager account" : "Set a new password for Roundtable Manager", body));
    }
}
