using System.ComponentModel.DataAnnotations;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// create-user --email EMAIL --role Organiser|Staff|Supplier [--name "Full name"] [--organisation-id N]
/// The password is read from standard input when it is piped in, otherwise generated and printed once.
/// </summary>
public sealed class CreateUserCommand(AccountService accounts)
{
    public const string Usage = "Usage: create-user --email EMAIL --role Organiser|Staff|Supplier [--name \"Full name\"] [--organisation-id N]";

    public async Task<int> RunAsync(string[] args, TextReader? passwordInput, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = Parse(args);
        if (values is null || !values.TryGetValue("email", out var email) || !values.TryGetValue("role", out var role))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        if (!new EmailAddressAttribute().IsValid(email))
        {
            await output.WriteLineAsync($"'{email}' is not a valid email address.");
            return 2;
        }

        role = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase)) ?? role;
        int? organisationId = null;
        if (values.TryGetValue("organisation-id", out var orgText))
        {
            if (!int.TryParse(orgText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await output.WriteLineAsync("--organisation-id must be a whole number.");
                return 2;
            }

            organisationId = parsed;
        }

        var piped = passwordInput is null ? null : (await passwordInput.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        var generated = string.IsNullOrEmpty(piped);
        var password = generated ? PasswordGenerator.Generate() : piped!;
        var name = values.GetValueOrDefault("name") ?? email;
        var result = await accounts.CreateAsync(email, name, role, organisationId, password, cancellationToken);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync("The account was not created:");
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync("  " + error.Message);
            }

            return 1;
        }

        await output.WriteLineAsync($"Created {role} account {email}.");
        if (generated)
        {
            await output.WriteLineAsync($"Password (shown once, not stored in plain text): {password}");
        }

        return 0;
    }

    private static Dictionary<string, string>? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            // --Section:Key=value arguments are configuration for the host, not for this verb.
            if (args[i].Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        return values;
    }
}
