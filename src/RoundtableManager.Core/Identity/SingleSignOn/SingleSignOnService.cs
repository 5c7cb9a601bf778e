using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity.SingleSignOn;

/// <summary>
/// Who a provider's id token may sign in as. Only an existing organiser or staff account: the first sign-in links by a
/// verified email address at an allowed domain, later ones by the provider's subject. Nobody is created here and roles
/// stay in the app; supplier accounts keep their passwords.
/// </summary>
public sealed class SingleSignOnService(UserManager<ApplicationUser> users, IOptions<SingleSignOnOptions> options)
{
    public bool AssertsMultiFactor(ProviderIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var methods = options.Value.EffectiveMultiFactorMethods;
        return identity.AuthenticationMethods.Any(m => methods.Contains(m, StringComparer.OrdinalIgnoreCase));
    }

    public static string? DomainOf(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at > 0 && at < email!.Length - 1 ? email[(at + 1)..] : null;
    }

    /// <summary>Finds (and on the first sign-in, links) the account; refuses without changing anything otherwise.</summary>
    public async Task<SingleSignOnMatch> MatchAsync(ProviderIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.Value;
        var domain = DomainOf(identity.Email);
        if (domain is null)
        {
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.NoEmail);
        }

        if (!identity.EmailVerified && !settings.TrustProviderEmail)
        {
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.EmailNotVerified);
        }

        if (!settings.AllowedEmailDomains.Any(d => string.Equals(d.Trim(), domain, StringComparison.OrdinalIgnoreCase)))
        {
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.DomainNotAllowed);
        }

        var linked = await users.FindByLoginAsync(SingleSignOnOptions.Scheme, identity.Subject);
        var user = linked ?? await users.FindByEmailAsync(identity.Email!);
        if (user is null)
        {
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.NoAccount);
        }

        var roles = await users.GetRolesAsync(user);
        if (!roles.Contains(Roles.Organiser) && !roles.Contains(Roles.Staff))
        {
            return SingleSignOnMatch.Refused(roles.Contains(Roles.Supplier) ? SingleSignOnRefusal.Supplier : SingleSignOnRefusal.NoAccount, user);
        }

        if (user.DisabledUtc is not null)
        {
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.Disabled, user);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.LockedOut, user);
        }

        if (linked is null && (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == SingleSignOnOptions.Scheme))
        {
            // Someone else at the provider now holds this address: the account stays with the identity it was linked to.
            return SingleSignOnMatch.Refused(SingleSignOnRefusal.LinkedToAnotherIdentity, user);
        }

        return new SingleSignOnMatch(user, SingleSignOnRefusal.None, linked is null);
    }

    /// <summary>
    /// Records the provider's subject on the account, so later sign-ins find it even if the address changes. A conflict
    /// when that identity is already linked (to this or another account: a second sign-in racing the first).
    /// </summary>
    public async Task<CommandResult> LinkAsync(ApplicationUser user, ProviderIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var added = await users.AddLoginAsync(user, new UserLoginInfo(SingleSignOnOptions.Scheme, identity.Subject, options.Value.DisplayName));
        return added.Succeeded ? CommandResult.Done() : CommandResult.Conflict("This single sign-on identity is already linked to an account");
    }
}
