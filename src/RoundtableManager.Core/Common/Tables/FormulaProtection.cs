namespace RoundtableManager.Core.Common.Tables;

/// <summary>
/// OWASP CSV injection: a cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return)
/// gets a leading apostrophe. The one rule for every CSV and XLSX download and for reading CSV imports back.
/// </summary>
public static class FormulaProtection
{
    private const string InjectionCharacters = "=+-@\t\r";

    /// <summary>A value that already starts with an apostrophe before such a character gets another, so <see cref="Unprotect"/> gives back exactly what was stored.</summary>
    public static string Protect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NeedsProtection(value) ? "'" + value : value;
    }

    public static string Unprotect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 1 && value[0] == '\'' && NeedsProtection(value[1..]) ? value[1..] : value;
    }

    private static bool NeedsProtection(string value) =>
        value.Length > 0 && (InjectionCharacters.Contains(value[0], StringComparison.Ordinal)
            || (value.Length > 1 && value[0] == '\'' && NeedsProtection(value[1..])));
}
