namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// In Production the email transport must be chosen on purpose: left unset it would quietly write every invitation
/// to a folder instead of sending it. And mail (invitation links, account links) goes to the relay encrypted, unless
/// the operator has said the relay is on a trusted link (ASVS 12.3.1).
/// </summary>
public sealed class ProductionEmailValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.SectionName}:{nameof(EmailOptions.Transport)}"]))
        {
            return ValidateOptionsResult.Fail("Email:Transport must be set in Production: Smtp to send email, or Pickup to write it to a folder on purpose.");
        }

        return options.Transport == EmailTransport.Smtp && options.Smtp.Security == SmtpSecurity.None && !options.Smtp.AllowUnencryptedOnTrustedLink
            ? ValidateOptionsResult.Fail("Email:Smtp:Security=None is refused in Production: email carries invitation and account links. Use StartTls or SslOnConnect, "
                + "or, only if the relay is on this host or a network link the department has accepted as trusted, set Email:Smtp:AllowUnencryptedOnTrustedLink=true.")
            : ValidateOptionsResult.Success;
    }
}
