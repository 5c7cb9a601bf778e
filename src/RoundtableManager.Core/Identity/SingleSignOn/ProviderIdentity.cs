using System.Security.Claims;

namespace RoundtableManager.Core.Identity.SingleSignOn;

/// <summary>What the provider's id token said about the person: subject, email, whether it is verified, how they signed in.</summary>
public sealed record ProviderIdentity(string Subject, string? Email, bool EmailVerified, IReadOnlyList<string> AuthenticationMethods)
{
    /// <summary>Reads the raw claims of a validated id token (the handler keeps their JWT names).</summary>
    public static ProviderIdentity? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var subject = principal.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        return new ProviderIdentity(
            subject,
            principal.FindFirst("email")?.Value,
            string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase),
            [.. principal.FindAll("amr").Select(c => c.Value)]);
    }
}

public enum SingleSignOnRefusal
{
    None,
    NoEmail,
    EmailNotVerified,
    DomainNotAllowed,
    NoAccount,
    Supplier,
    Disabled,
    LockedOut,
    LinkedToAnotherIdentity,
}

/// <summary>The account a provider identity may sign in to, or why it may not.</summary>
public sealed record SingleSignOnMatch(ApplicationUser? User, SingleSignOnRefusal Refusal, bool NewLink)
{
    public static SingleSignOnMatch Refused(SingleSignOnRefusal refusal, ApplicationUser? user = null) => new(user, refusal, false);
}
