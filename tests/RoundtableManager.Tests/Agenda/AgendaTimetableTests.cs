namespace RoundtableManager.Tests.Agenda;

public sealed class AgendaTimetableTests
{
    [Fact]
    public void Compute_Durations_StartsEachSlotWhereTheLastEnded()
    {
        var start = new DateTime(2031, 7, 15, 9, 0, 0, DateTimeKind.Utc);
        var slots = AgendaTimetable.Compute(start, [30, 15, 45]);
        Assert.Equal(["10am", "10:30am", "10:45am"], slots.Select(s => UkTime.FormatTime(s.StartsUtc)));
        Assert.Equal("11:30am", UkTime.FormatTime(slots[^1].EndsUtc));
    }

    [Fact]
    public void Compute_AcrossClocksGoingForward_ShowsUkWallClockAfterTheChange()
    {
        // 30 March 2031: the clocks go forward at 1am GMT. An agenda from 12:30am runs through the change.
        var start = new DateTime(2031, 3, 30, 0, 30, 0, DateTimeKind.Utc);
        var slots = AgendaTimetable.Compute(start, [60, 30]);
        Assert.Equal("12:30am", UkTime.FormatTime(slots[0].StartsUtc));
        Assert.Equal("2:30am", UkTime.FormatTime(slots[1].StartsUtc));
        Assert.Equal("3am", UkTime.FormatTime(slots[1].EndsUtc));
    }

    [Fact]
    public void Compute_AcrossClocksGoingBack_KeepsElapsedTime()
    {
        // 26 October 2031: the clocks go back at 2am BST (1am UTC).
        var start = new DateTime(2031, 10, 26, 0, 0, 0, DateTimeKind.Utc);
        var slots = AgendaTimetable.Compute(start, [60, 60]);
        Assert.Equal("1am", UkTime.FormatTime(slots[0].StartsUtc));
        Assert.Equal("1am", UkTime.FormatTime(slots[1].StartsUtc));
        Assert.Equal(TimeSpan.FromHours(2), slots[1].EndsUtc - slots[0].StartsUtc);
    }
}
