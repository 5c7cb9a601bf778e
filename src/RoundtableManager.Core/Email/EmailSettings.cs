using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace RoundtableManager.Core.Email;

/// <summary>Checks the Email section at start; every problem names its key.</summary>
public static partial class EmailSettings
{
    /// <summary>Binds and checks the section now, so a bad value stops the app before it starts.</summary>
    public static EmailOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        EmailOptions options;
        try
        {
            options = configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        }
        catch (InvalidOperationException ex)
        {
            var key = KeyInBinderMessage().Match(ex.Message) is { Success: true } match ? match.Groups[1].Value : EmailOptions.SectionName;
            throw new ConfigurationProblemException(key, "has a value that is not valid. See appsettings.sample.json for the allowed values.");
        }

        foreach (var (key, problem) in Problems(options))
        {
            throw new ConfigurationProblemException(key, problem);
        }

        return options;
    }

    public static IEnumerable<(string Key, string Problem)> Problems(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Transport))
        {
            yield return ("Email:Transport", "must be Pickup or Smtp.");
        }

        if (!MailboxAddress.TryParse(options.FromAddress, out var from) || from.Address != options.FromAddress.Trim() || !options.FromAddress.Contains('@', StringComparison.Ordinal))
        {
            yield return ("Email:FromAddress", "must be an email address, for example roundtables@example.gov.uk.");
        }

        if (string.IsNullOrWhiteSpace(options.FromName) || HeaderText.SingleLine(options.FromName) != options.FromName)
        {
            yield return ("Email:FromName", "must be a name on one line.");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return ("Email:PublicBaseUrl", "must be an absolute http or https address, for example https://roundtables.example.gov.uk.");
        }

        if (options.Transport == EmailTransport.Pickup && string.IsNullOrWhiteSpace(options.PickupFolder))
        {
            yield return ("Email:PickupFolder", "is required when Email:Transport is Pickup.");
        }

        if (options.Transport == EmailTransport.Smtp && string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            yield return ("Email:Smtp:Host", "is required when Email:Transport is Smtp.");
        }

        if (options.Smtp.Port is < 1 or > 65535)
        {
            yield return ("Email:Smtp:Port", "must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(options.Smtp.Security))
        {
            yield return ("Email:Smtp:Security", "must be None, StartTls or SslOnConnect.");
        }

        if (options.Smtp.TimeoutSeconds is < 1 or > 600)
        {
            yield return ("Email:Smtp:TimeoutSeconds", "must be between 1 and 600.");
        }

        if (!string.IsNullOrEmpty(options.Smtp.UserName) && string.IsNullOrEmpty(options.Smtp.Password))
        {
            yield return ("Email:Smtp:Password", "is required when Email:Smtp:UserName is set.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            yield return ("Email:BatchSize", "must be between 1 and 1000.");
        }

        if (options.MaxConnections is < 1 or > 8)
        {
            yield return ("Email:MaxConnections", "must be between 1 and 8.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            yield return ("Email:MaxAttempts", "must be between 1 and 100.");
        }
    }

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex KeyInBinderMessage();
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var problems = EmailSettings.Problems(options).Select(p => $"{p.Key} {p.Problem}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
