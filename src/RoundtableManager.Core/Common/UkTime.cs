namespace RoundtableManager.Core.Common;

/// <summary>Times are stored in UTC and shown in Europe/London, in GOV.UK style ("3 February 2027 at 2:30pm").</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static DateTime ToUk(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// Converts a wall-clock time in the UK to UTC. A time skipped by the clocks going forward is moved an hour on;
    /// an ambiguous time when they go back is taken as the first (summer time) occurrence.
    /// </summary>
    public static DateTime ToUtc(DateTime ukLocal)
    {
        var local = DateTime.SpecifyKind(ukLocal, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            var summer = offsets.Max();
            return DateTime.SpecifyKind(local - summer, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    public static string FormatDate(DateTime utc) => ToUk(utc).ToString("d MMMM yyyy", British);

    public static string FormatDayDate(DateTime utc) => ToUk(utc).ToString("dddd d MMMM yyyy", British);

    public static string FormatTime(DateTime utc) => FormatClock(ToUk(utc));

    public static string Format(DateTime utc) => $"{FormatDate(utc)} at {FormatTime(utc)}";

    public static string FormatRange(DateTime startUtc, DateTime endUtc) =>
        FormatDate(startUtc) == FormatDate(endUtc)
            ? $"{FormatDayDate(startUtc)}, {FormatTime(startUtc)} to {FormatTime(endUtc)}"
            : $"{Format(startUtc)} to {Format(endUtc)}";

    private static string FormatClock(DateTime local)
    {
        if (local.Hour == 12 && local.Minute == 0)
        {
            return "midday";
        }

        if (local.Hour == 0 && local.Minute == 0)
        {
            return "midnight";
        }

        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var suffix = local.Hour < 12 ? "am" : "pm";
        return local.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour}{suffix}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour}:{local.Minute:00}{suffix}");
    }
}
