namespace RoundtableManager.Web.Infrastructure.Charts;

/// <summary>One line of a <see cref="LineChart"/>: its name, a value per point, and how it looks (colour, dash, marker) so lines differ by more than colour.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> Values, string Colour, string Dash, string Marker);

/// <summary>
/// A server-rendered SVG line chart (Shared/_LineChart): points along the bottom, lines labelled at their right-hand
/// end, a title and description for screen readers. The page puts the same numbers in a table beside it.
/// </summary>
/// <param name="Id">Prefix of the element ids: "{Id}-chart", "{Id}-title", "{Id}-desc".</param>
/// <param name="YMax">The value the scale must reach (100 for percentages, drawn 0, 20, ... 100); null scales to the data.</param>
/// <param name="Suffix">After each value in the end labels and the axis ("%").</param>
public sealed record LineChart(string Id, string CssClass, string Title, string Description, IReadOnlyList<string> XLabels, IReadOnlyList<LineSeries> Series, int? YMax = null, string Suffix = "")
{
    public const int Width = 640;
    public const int Height = 320;
    public const int Left = 48;
    public const int Right = 110;
    public const int Top = 16;
    public const int Bottom = 48;

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public int PlotWidth => Width - Left - Right;

    public int PlotHeight => Height - Top - Bottom;

    /// <summary>The value axis (shared partial _ValueAxis): to <see cref="YMax"/>, or about five round steps to at least the largest value.</summary>
    public ValueAxis Axis =>
        new(YMax ?? (int)Math.Ceiling(Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max()), Top, PlotHeight, Left, PlotWidth) { Suffix = Suffix };

    public double X(int i) => Left + (XLabels.Count == 1 ? PlotWidth / 2.0 : i * PlotWidth / (double)(XLabels.Count - 1));

    public double Y(double value) => Axis.At(value);

    /// <summary>Label every so many points, so the labels along the bottom do not run into each other.</summary>
    public int LabelEvery => Math.Max(1, (int)Math.Ceiling(XLabels.Count / 6.0));

    /// <summary>Where each line's end label goes, so that lines ending on close values do not print on top of each other.</summary>
    public double[] EndLabelY() => XLabels.Count == 0 ? [] : EndLabels.Place([.. Series.Select(s => Y(s.Values[^1]))], 18, Top, Top + PlotHeight);
}
