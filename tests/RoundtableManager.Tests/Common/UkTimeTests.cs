namespace RoundtableManager.Tests.Common;

public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2027-02-03T14:30:00Z", "3 February 2027 at 2:30pm")]
    [InlineData("2027-07-03T13:30:00Z", "3 July 2027 at 2:30pm")]
    [InlineData("2027-07-03T11:00:00Z", "3 July 2027 at midday")]
    [InlineData("2027-01-10T00:00:00Z", "10 January 2027 at midnight")]
    [InlineData("2027-01-10T09:00:00Z", "10 January 2027 at 9am")]
    public void Format_Utc_ShowsUkWallClockInGovUkStyle(string utc, string expected)
    {
        var value = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, UkTime.Format(value));
    }

    [Fact]
    public void ToUtc_SummerTime_SubtractsAnHour()
    {
        Assert.Equal(new DateTime(2027, 7, 1, 9, 0, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2027, 7, 1, 10, 0, 0)));
        Assert.Equal(new DateTime(2027, 1, 1, 10, 0, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2027, 1, 1, 10, 0, 0)));
    }

    [Fact]
    public void ToUtc_TimeSkippedWhenClocksGoForward_MovesOnAnHour()
    {
        // 28 March 2027: 1am becomes 2am, so 1:30am does not exist in the UK.
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2027, 3, 28, 1, 30, 0)));
    }

    [Fact]
    public void ToUtc_AmbiguousTimeWhenClocksGoBack_TakesSummerTime()
    {
        // 31 October 2027: 1:30am happens twice; the first (BST) is 00:30 UTC.
        Assert.Equal(new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2027, 10, 31, 1, 30, 0)));
    }
}
