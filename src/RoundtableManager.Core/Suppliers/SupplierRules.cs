using System.Text.RegularExpressions;

namespace RoundtableManager.Core.Suppliers;

/// <summary>The rules for directory values, shared by the forms and the CSV import so both accept the same things.</summary>
public static partial class SupplierRules
{
    public const int CompaniesHouseNumberLength = 8;
    public const int WebsiteMaxLength = 500;
    public const int NotesMaxLength = 4000;
    public const int JobTitleMaxLength = 200;
    public const int PhoneMaxLength = 50;

    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    public static bool IsValidEmail(string email) =>
        email.Length <= Contact.EmailMaxLength && EmailPattern().IsMatch(email);

    /// <summary>
    /// Upper-cases and removes spaces. Spreadsheets drop leading zeros from numbers ("04567821" becomes 4567821),
    /// so an all-digit number of 6 or 7 digits is padded back to 8.
    /// </summary>
    public static string NormaliseCompaniesHouseNumber(string value)
    {
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length is 6 or 7 && compact.All(char.IsAsciiDigit))
        {
            compact = compact.PadLeft(CompaniesHouseNumberLength, '0');
        }

        return compact;
    }

    public static bool IsValidCompaniesHouseNumber(string normalised) => CompaniesHouseNumberPattern().IsMatch(normalised);

    /// <summary>Adds https:// to an address typed without a scheme ("www.example.com").</summary>
    public static string NormaliseWebsite(string value) =>
        value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;

    public static bool IsValidWebsite(string normalised) =>
        normalised.Length <= WebsiteMaxLength
        && Uri.TryCreate(normalised, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Contains('.', StringComparison.Ordinal)
        && !normalised.Any(char.IsWhiteSpace);

    [GeneratedRegex(@"^[^\s@""<>(),;:\[\]\\]+@[^\s@""<>(),;:\[\]\\]+\.[^\s@""<>(),;:\[\]\\.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Eight digits (England and Wales) or two letters and six digits (SC, NI, OC, SO, NC, R0... registers).
    [GeneratedRegex("^([0-9]{8}|[A-Z][A-Z0-9][0-9]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompaniesHouseNumberPattern();
}
