using System.Text.RegularExpressions;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>Reads a time of day as people type it: "10:00", "14:30", "2:30pm", "2.30 pm", "10am", "midday", "midnight".</summary>
public static partial class TimeInput
{
    /// <summary>The time, or null with the reason added to <paramref name="errors"/> under <paramref name="key"/>.</summary>
    public static TimeOnly? Read(ModelStateDictionary errors, string key, string? text, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TryRead(text, fieldName, out var time, out var error))
        {
            return time;
        }

        errors.AddModelError(key, error!);
        return null;
    }

    public static bool TryRead(string? text, string fieldName, out TimeOnly time, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        time = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Enter the {fieldName.ToLowerInvariant()}";
            return false;
        }

        if (TextRules.CheckSingleLine(text.Trim(), fieldName) is { } notOneLine)
        {
            error = notOneLine;
            return false;
        }

        var value = text.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace('.', ':');
        if (value is "midday" or "noon" or "12noon")
        {
            time = new TimeOnly(12, 0);
            return true;
        }

        if (value == "midnight")
        {
            time = new TimeOnly(0, 0);
            return true;
        }

        var match = Pattern().Match(value);
        if (match.Success)
        {
            var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
            var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
            var suffix = match.Groups["suffix"].Value;
            var valid = suffix.Length == 0 ? hour <= 23 : hour is >= 1 and <= 12;
            if (valid && minute <= 59)
            {
                if (suffix.Length > 0)
                {
                    hour = (hour % 12) + (suffix == "pm" ? 12 : 0);
                }

                time = new TimeOnly(hour, minute);
                return true;
            }
        }

        error = $"{fieldName} must be a real time, like 10:00 or 2:30pm";
        return false;
    }

    [GeneratedRegex("^(?<hour>[0-9]{1,2})(?::(?<minute>[0-9]{2}))?(?<suffix>am|pm)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
