namespace RoundtableManager.Core.Agenda;

public sealed record TimedSlot(DateTime StartsUtc, DateTime EndsUtc);

public static class AgendaTimetable
{
    /// <summary>
    /// Start and end of each slot in order. Durations are elapsed time, added in UTC, so an agenda that spans a
    /// change of the clocks still shows the right UK wall-clock times.
    /// </summary>
    public static IReadOnlyList<TimedSlot> Compute(DateTime roundtableStartsUtc, IEnumerable<int> durationsMinutes)
    {
        ArgumentNullException.ThrowIfNull(durationsMinutes);
        var slots = new List<TimedSlot>();
        var start = roundtableStartsUtc;
        foreach (var minutes in durationsMinutes)
        {
            var end = start.AddMinutes(minutes);
            slots.Add(new TimedSlot(start, end));
            start = end;
        }

        return slots;
    }
}
