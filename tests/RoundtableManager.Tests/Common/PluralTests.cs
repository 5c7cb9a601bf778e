namespace RoundtableManager.Tests.Common;

public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "organisation", "0 organisations")]
    [InlineData(1, "organisation", "1 organisation")]
    [InlineData(1003, "organisation", "1,003 organisations")]
    [InlineData(1, "person", "1 person")]
    [InlineData(2, "person", "2 people")]
    [InlineData(2, "staff lead", "2 staff leads")]
    [InlineData(2, "summary", "2 summaries")]
    [InlineData(2, "day", "2 days")]
    [InlineData(1, "minute", "1 minute")]
    [InlineData(2, "match", "2 matches")]
    public void Count_WholeNumbers_NounAgreesWithTheCount(int count, string noun, string expected) =>
        Assert.Equal(expected, Plural.Count(count, noun));

    [Theory]
    [InlineData(1.0, "1 day")]
    [InlineData(1.04, "1 day")]
    [InlineData(1.5, "1.5 days")]
    [InlineData(2.0, "2 days")]
    public void Count_MeasuredAmounts_OneAsShownIsSingular(double amount, string expected) =>
        Assert.Equal(expected, Plural.Count(amount, "0.#", "day"));

    [Theory]
    [InlineData("Weekly overdue actions summary", "Weekly overdue actions summaries")]
    [InlineData("RSVP chaser", "RSVP chasers")]
    [InlineData("Delegate details chaser", "Delegate details chasers")]
    [InlineData("Event reminder", "Event reminders")]
    [InlineData("Action overdue reminder", "Action overdue reminders")]
    [InlineData("key", "keys")]
    [InlineData("Person", "People")]
    public void Of_NounPhrases_PluralOfTheLastWord(string singular, string expected) =>
        Assert.Equal(expected, Plural.Of(singular));

    [Fact]
    public void Count_ExplicitPlural_Wins() => Assert.Equal("3 staff", Plural.Count(3, "staff", "staff"));
}
