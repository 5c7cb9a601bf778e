namespace RoundtableManager.Core.Identity.SingleSignOn;

/// <summary>
/// Authentication:Oidc: single sign-on for organisers and staff through the department's OpenID Connect provider
/// (Microsoft Entra ID, Google). Off while <see cref="Authority"/> is empty.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string SectionName = "Authentication:Oidc";

    /// <summary>The authentication scheme, and the login provider name stored with each linked account.</summary>
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer address; its discovery document is read from {Authority}/.well-known/openid-configuration.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your department account";

    /// <summary>Only addresses at these domains (exact, ignoring case) may sign in this way.</summary>
    public IList<string> AllowedEmailDomains { get; } = [];

    /// <summary>
    /// Accept the provider's email claim without email_verified=true. Only for a provider whose addresses only the
    /// department's own administrators can set (a single-tenant Entra ID tenant); never for a multi-tenant authority.
    /// </summary>
    public bool TrustProviderEmail { get; set; }

    /// <summary>Values of the id token's amr claim (RFC 8176) that mean the provider checked more than a password.</summary>
    public IList<string> MultiFactorMethods { get; } = [];

    /// <summary>The provider's metadata must be fetched over HTTPS; may be false only outside Production (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public static IReadOnlyList<string> DefaultMultiFactorMethods { get; } = ["mfa", "otp", "hwk", "sc"];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> EffectiveMultiFactorMethods => MultiFactorMethods.Count > 0 ? [.. MultiFactorMethods] : DefaultMultiFactorMethods;

    /// <summary>Stops the app at start with the key named when the settings cannot work, or would be unsafe.</summary>
    public void Validate(bool production)
    {
        if (!Enabled)
        {
            return;
        }

        const string prefix = SectionName + ":";
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            throw new ConfigurationProblemException(prefix + "Authority", $"'{Authority}' is not an https address.");
        }

        if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            throw new ConfigurationProblemException(prefix + "Authority", "must be an https address.");
        }

        if (!RequireHttpsMetadata && production)
        {
            throw new ConfigurationProblemException(prefix + "RequireHttpsMetadata", "may be false only outside Production.");
        }

        // A multi-tenant Entra ID authority accepts any tenant, and any tenant's administrator can put any address in
        // the email claim: such a token cannot link to an account by email.
        var tenant = authority.AbsolutePath.Trim('/').Split('/')[0];
        if (authority.Host.EndsWith("microsoftonline.com", StringComparison.OrdinalIgnoreCase)
            && tenant.ToLowerInvariant() is "common" or "organizations" or "consumers")
        {
            throw new ConfigurationProblemException(prefix + "Authority", $"'{Authority}' accepts accounts from any tenant; use your tenant's own authority, https://login.microsoftonline.com/{{tenant-id}}/v2.0.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new ConfigurationProblemException(prefix + "ClientId", "is required when Authority is set.");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            throw new ConfigurationProblemException(prefix + "ClientSecret", "is required when Authority is set (keep it in a secret store).");
        }

        if (AllowedEmailDomains.Count == 0 || AllowedEmailDomains.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains('@', StringComparison.Ordinal)))
        {
            throw new ConfigurationProblemException(prefix + "AllowedEmailDomains", "must list at least one domain, like cabinetoffice.gov.uk.");
        }

        if (!TextRules.IsSingleLine(DisplayName))
        {
            throw new ConfigurationProblemException(prefix + "DisplayName", "must not contain line breaks or control characters.");
        }
    }
}
