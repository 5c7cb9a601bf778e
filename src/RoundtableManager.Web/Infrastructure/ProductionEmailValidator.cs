namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// In Production the email transport must be chosen on purpose: left unset it would quietly write every invitation
/// to a folder instead of sending it. Links in emails must start with the service's own https address: the default
/// (http://127.0.0.1:5080) would send people to a machine of their own, and plain http would carry invitation and
/// account tokens in the clear. And mail (invitation links, account links) goes to the relay encrypted, unless
/// the operator has said the relay is on a trusted link (ASVS 12.3.1).
/// </summary>
public sealed class ProductionEmailValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<EmailOptions>
{
    private const string PublicBaseUrlKey = $"{EmailOptions.SectionName}:{nameof(EmailOptions.PublicBaseUrl)}";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.SectionName}:{nameof(EmailOptions.Transport)}"]))
        {
            problems.Add("Email:Transport must be set in Production: Smtp to send email, or Pickup to write it to a folder on purpose.");
        }

        if (PublicBaseUrlProblem(configuration[PublicBaseUrlKey]) is { } publicBaseUrl)
        {
            problems.Add(publicBaseUrl);
        }

        if (options.Transport == EmailTransport.Smtp && options.Smtp.Security == SmtpSecurity.None && !options.Smtp.AllowUnencryptedOnTrustedLink)
        {
            problems.Add("Email:Smtp:Security=None is refused in Production: email carries invitation and account links. Use StartTls or SslOnConnect, "
                + "or, only if the relay is on this host or a network link the department has accepted as trusted, set Email:Smtp:AllowUnencryptedOnTrustedLink=true.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string? PublicBaseUrlProblem(string? configured)
    {
        const string What = "Set it to the https address people use to reach the service, for example https://roundtables.example.gov.uk: links in emails start with it.";
        if (string.IsNullOrWhiteSpace(configured))
        {
            return $"{PublicBaseUrlKey} must be set in Production. {What}";
        }

        // The value itself is not repeated: an address can carry a user name and password.
        return !Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var address) || string.IsNullOrEmpty(address.Host)
            ? $"{PublicBaseUrlKey} must be an absolute https address in Production (this one is not an absolute address). {What}"
            : address.Scheme != Uri.UriSchemeHttps
                ? $"{PublicBaseUrlKey} must be an absolute https address in Production (this one starts {address.Scheme}://). {What}"
                : null;
    }
}
