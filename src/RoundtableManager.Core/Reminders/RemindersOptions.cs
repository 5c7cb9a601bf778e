using PublicHoliday;

namespace RoundtableManager.Core.Reminders;

public sealed class RemindersOptions
{
    public const string SectionName = "Reminders";

    /// <summary>UK wall-clock time reminders go out, "HH:mm".</summary>
    public string SendAtLocalTime { get; set; } = "09:00";

    /// <summary>Move reminders that would fall on a Saturday, Sunday or England and Wales bank holiday to the working day before.</summary>
    public bool WorkingDaysOnly { get; set; } = true;

    /// <summary>A reminder found this long after its due time is logged as missed rather than sent late.</summary>
    public int MissedAfterHours { get; set; } = 6;

    public TimeOnly SendAt => TimeOnly.ParseExact(SendAtLocalTime, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"9am": formatted on a January day, when UK time is UTC.</summary>
    public string SendAtDisplay => UkTime.FormatTime(new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc) + SendAt.ToTimeSpan());

    public TimeSpan MissedAfter => TimeSpan.FromHours(MissedAfterHours);

    /// <summary>When a reminder <paramref name="offsetDays"/> before <paramref name="anchorUtc"/> is due.</summary>
    public DateTime DueUtc(DateTime anchorUtc, int offsetDays)
    {
        var date = DateOnly.FromDateTime(UkTime.ToUk(anchorUtc)).AddDays(-offsetDays);
        while (WorkingDaysOnly && !IsWorkingDay(date))
        {
            // Earlier, never later: a reminder after the thing it reminds about is useless.
            date = date.AddDays(-1);
        }

        return UkTime.ToUtc(date.ToDateTime(SendAt));
    }

    /// <summary>When a reminder <paramref name="offsetDays"/> AFTER <paramref name="anchorUtc"/> is due ("overdue").</summary>
    public DateTime DueAfterUtc(DateTime anchorUtc, int offsetDays)
    {
        var date = DateOnly.FromDateTime(UkTime.ToUk(anchorUtc)).AddDays(offsetDays);
        while (WorkingDaysOnly && !IsWorkingDay(date))
        {
            // Later, never earlier: an "after" reminder sent before its date would be wrong (overdue before it is due).
            date = date.AddDays(1);
        }

        return UkTime.ToUtc(date.ToDateTime(SendAt));
    }

    private static readonly UKBankHoliday BankHolidays = new();

    /// <summary>Not a weekend and not an England and Wales bank holiday (computed, including one-off holidays the library knows).</summary>
    public static bool IsWorkingDay(DateOnly date) => BankHolidays.IsWorkingDay(date.ToDateTime(TimeOnly.MinValue));
}

internal sealed class RemindersOptionsValidator : IValidateOptions<RemindersOptions>
{
    public ValidateOptionsResult Validate(string? name, RemindersOptions options)
    {
        var failures = new List<string>();
        if (!TimeOnly.TryParseExact(options.SendAtLocalTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || at < new TimeOnly(7, 0) || at > new TimeOnly(20, 0))
        {
            failures.Add("Reminders:SendAtLocalTime must be a 24-hour time from 07:00 to 20:00, like 09:00");
        }

        if (options.MissedAfterHours is < 1 or > 72)
        {
            failures.Add("Reminders:MissedAfterHours must be a whole number of hours from 1 to 72");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
