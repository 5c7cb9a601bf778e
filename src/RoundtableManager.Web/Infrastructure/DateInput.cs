namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// What a person typed into a GOV.UK date input, kept as text so a mistake is shown back exactly as typed.
/// </summary>
public sealed class DateInput
{
    private static readonly string[] MonthNames = CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.MonthNames;

    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateInput From(DateOnly date) => new()
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture),
        Month = date.Month.ToString(CultureInfo.InvariantCulture),
        Year = date.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The date, or null with the reason added to <paramref name="errors"/> under <paramref name="key"/>.</summary>
    public DateOnly? Read(ModelStateDictionary errors, string key, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TryRead(fieldName, out var date, out var error))
        {
            return date;
        }

        errors.AddModelError(key, error!);
        return null;
    }

    /// <summary>
    /// Reads the date, or explains in GOV.UK words what is wrong with it ("Date must include a month", "Date must be a real date").
    /// Months may be typed as numbers or names ("3", "Mar", "March").
    /// </summary>
    public bool TryRead(string fieldName, out DateOnly date, out string? error)
    {
        date = default;
        error = null;
        if (IsEmpty)
        {
            error = $"Enter the {fieldName.ToLowerInvariant()}";
            return false;
        }

        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            error = $"{fieldName} must include a {string.Join(" and ", missing)}";
            return false;
        }

        if (!int.TryParse(Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !TryMonth(Month!.Trim(), out var month)
            || !int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            error = $"{fieldName} must be a real date";
            return false;
        }

        if (year is < 1000 or > 9999)
        {
            error = $"Year must include 4 numbers";
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"{fieldName} must be a real date";
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryMonth(string text, out int month)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out month))
        {
            return true;
        }

        var index = Array.FindIndex(MonthNames, m => m.Length > 0 && (m.Equals(text, StringComparison.OrdinalIgnoreCase)
            || (text.Length >= 3 && m.StartsWith(text, StringComparison.OrdinalIgnoreCase))));
        month = index + 1;
        return index >= 0;
    }
}
