using Microsoft.Extensions.Options;
using RoundtableManager.Core.Email;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// In Production the email transport must be chosen on purpose: left unset it would quietly write every invitation
/// to a folder instead of sending it.
/// </summary>
public sealed class ProductionEmailValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
        !environment.IsProduction() || !string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.SectionName}:{nameof(EmailOptions.Transport)}"])
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Email:Transport must be set in Production: Smtp to send email, or Pickup to write it to a folder on purpose.");
}
