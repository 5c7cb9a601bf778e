namespace RoundtableManager.Web.Infrastructure.Charts;

public sealed record BarSeries(string Name, string Colour);

public sealed record BarGroup(string Label, IReadOnlyList<int> Values);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG (shared partial <c>_BarChart</c>): a group of bars per row, one bar
/// per series, each bar labelled with its series and value in text so colour is never the only clue. Like the action
/// progress chart, it has a title and a description and is followed by a table with the same numbers.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<BarSeries> Series, IReadOnlyList<BarGroup> Groups)
{
    public const int Width = 640;
    public const int LabelWidth = 190;
    public const int BarHeight = 20;
    public const int BarGap = 4;
    public const int GroupGap = 18;
    public const int Top = 8;
    public const int AxisHeight = 28;
    public const int ValueLabelRoom = 120;
    public const int MaxLabelCharacters = 26;

    public int PlotWidth => Width - LabelWidth - ValueLabelRoom;

    public ChartScale Scale => ChartScale.For(Groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max());

    public int GroupHeight => (Series.Count * (BarHeight + BarGap)) - BarGap;

    public int Height => Top + (Groups.Count * (GroupHeight + GroupGap)) + AxisHeight;

    public double GroupY(int group) => Top + (group * (GroupHeight + GroupGap));

    public double BarY(int group, int series) => GroupY(group) + (series * (BarHeight + BarGap));

    public double X(int value) => LabelWidth + (value * PlotWidth / (double)Scale.Top);

    /// <summary>Long group names are shortened in the picture (the table beside it has them in full).</summary>
    public static string ShortLabel(string label) =>
        label.Length <= MaxLabelCharacters ? label : string.Concat(label.AsSpan(0, MaxLabelCharacters - 1).TrimEnd(), "…");

    /// <summary>What the chart shows, in words: "Managed service provider: invited 3, replied 2; Systems integrator: ...".</summary>
    public string Description =>
        string.Join("; ", Groups.Select(g => $"{g.Label}: {string.Join(", ", Series.Select((s, i) => $"{s.Name.ToLowerInvariant()} {g.Values[i]}"))}")) + ".";
}
