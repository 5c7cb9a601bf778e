namespace RoundtableManager.Tests.Common;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Alice\r\nLOCATION:Moved")]
    [InlineData("Alice\nBob")]
    [InlineData("Alice\rBob")]
    [InlineData("Alice\tBob")]
    [InlineData("Alice\u0000Bob")]
    [InlineData("Alice\u0007Bob")]
    [InlineData("Alice\u007FBob")]
    [InlineData("Alice\u0085Bob")]
    [InlineData("Alice\u2028Bob")]
    [InlineData("Alice\u2029Bob")]
    [InlineData("Alice\u202EboB")]
    [InlineData("Alice\u2066Bob\u2069")]
    public void SingleLine_LineBreaksControlsAndDirectionOverrides_Refused(string value)
    {
        Assert.False(TextRules.IsSingleLine(value));
        Assert.Equal("Full name must not contain line breaks or control characters", TextRules.CheckSingleLine(value, "Full name"));
    }

    [Theory]
    [InlineData("Zoë O’Brien-Smith")]
    [InlineData("王秀英")]
    [InlineData("\u200Fمحمد علي")]
    [InlineData("Dr. A. N. Other (Security lead), Ltd & Co")]
    [InlineData("👩‍💻 Team")]
    public void SingleLine_OrdinaryNamesInAnyScript_Allowed(string value) => Assert.Null(TextRules.CheckSingleLine(value, "Full name"));

    [Theory]
    [InlineData("One\r\nTwo\rThree\u0085Four\u2028Five\u2029Six\vSeven\fEight", "One\nTwo\nThree\nFour\nFive\nSix\nSeven\nEight")]
    [InlineData("  \r\nIndented\tcode\r\n\r\n", "Indented\tcode")]
    [InlineData(" \r\n ", null)]
    public void MultiLine_EveryKindOfLineBreak_StoredAsLf(string value, string? expected)
    {
        Assert.Equal(expected, TextRules.MultiLine(value));
        Assert.True(TextRules.IsCleanMultiLine(TextRules.MultiLine(value)));
    }

    [Fact]
    public void MultiLine_OtherControlCharacters_Refused()
    {
        Assert.Equal("Notes must not contain control characters", TextRules.CheckMultiLine("Bell\u0007 and null\u0000", "Notes"));
        Assert.Null(TextRules.CheckMultiLine("Right-to-left \u202E is text here", "Notes"));
    }

    [Fact]
    public void ToOneLine_TitleFromLongerText_HasNoLineBreaksOrControls() =>
        Assert.Equal("Supply chain: who patches the patcher?", TextRules.ToOneLine("Supply chain:\r\n\twho patches\u2028the patcher?\u0007"));
}
