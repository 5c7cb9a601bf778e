namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>A period of UK dates, both days included, as the programme report is asked for.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const int MaxYears = 10;

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Midnight UK time at the start of <see cref="From"/>, in UTC.</summary>
    public DateTime FromUtc => UkTime.ToUtc(From.ToDateTime(TimeOnly.MinValue));

    /// <summary>Midnight UK time at the end of <see cref="To"/>, in UTC: the first instant after the period.</summary>
    public DateTime EndUtc => UkTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// The UK calendar months wholly inside the period: the first day of the first and of the month after the last. When
    /// there is none, both are the day after the period, so every day of it lies before the first.
    /// </summary>
    public (DateOnly First, DateOnly End) WholeMonths()
    {
        var afterTo = To.AddDays(1);
        var first = From.Day == 1 ? From : new DateOnly(From.Year, From.Month, 1).AddMonths(1);
        var end = new DateOnly(afterTo.Year, afterTo.Month, 1);
        return end <= first ? (afterTo, afterTo) : (first, end);
    }

    /// <summary>The year up to today and the year after it, so roundtables already planned are in the figures.</summary>
    public static ReportPeriod Default(DateOnly today) => new(today.AddYears(-1).AddDays(1), today.AddYears(1));

    /// <summary>Why these dates cannot make a period (null when they can).</summary>
    public static string? Problem(DateOnly from, DateOnly to) =>
        to < from ? "To date must be the same as or after the from date"
        : to > from.AddYears(MaxYears) ? $"The period must be {MaxYears} years or shorter"
        : null;

    public string Describe() => $"{From.ToString("d MMMM yyyy", British)} to {To.ToString("d MMMM yyyy", British)}";

    /// <summary>For file names: "2026-04-01-to-2027-03-31".</summary>
    public string FileStem() => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}");
}
