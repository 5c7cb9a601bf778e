using RoundtableManager.Web.Infrastructure.Charts;

namespace RoundtableManager.Tests.Actions;

public sealed class EndLabelsTests
{
    private const double Gap = 18;

    [Fact]
    public void Place_TwoLinesEndOnTheSameValue_LabelsAreAGapApartInTheirOrder()
    {
        var y = EndLabels.Place([100, 250, 250], Gap, 16, 272);
        Assert.Equal(100, y[0]);
        Assert.Equal(250, y[1]);
        Assert.Equal(250 + Gap, y[2]);
    }

    [Fact]
    public void Place_AllOnTheBottomLine_LabelsMoveUpInsteadOfOffTheChart()
    {
        // "Open 0", "Done 0", "Overdue 0" all on the x axis.
        var y = EndLabels.Place([272, 272, 272], Gap, 16, 272);
        Assert.Equal([272 - 2 * Gap, 272 - Gap, 272], y);
    }

    [Theory]
    [InlineData(new double[] { 40, 45, 50 })]
    [InlineData(new double[] { 200, 16, 205 })]
    [InlineData(new double[] { 16, 16, 16 })]
    [InlineData(new double[] { 150, 140, 160, 145 })]
    public void Place_CloseValues_NoTwoLabelsOverlapAndAllStayOnTheChart(double[] ends)
    {
        var y = EndLabels.Place(ends, Gap, 16, 272);
        var sorted = y.Order().ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            Assert.True(sorted[i] - sorted[i - 1] >= Gap - 1e-9, $"Labels at {sorted[i - 1]} and {sorted[i]} overlap");
        }

        Assert.All(y, v => Assert.InRange(v, 16, 272));
    }

    [Fact]
    public void Place_LinesFarApart_LabelsStayAtTheirLinesEnds()
    {
        Assert.Equal([20, 150, 272], EndLabels.Place([20, 150, 272], Gap, 16, 272));
    }
}
