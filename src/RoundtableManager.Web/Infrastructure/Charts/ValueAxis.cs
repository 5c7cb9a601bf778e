namespace RoundtableManager.Web.Infrastructure.Charts;

/// <summary>
/// The vertical axis of a server-drawn SVG chart of whole numbers: up to about five evenly spaced gridlines from 0 to a
/// round maximum at or above the largest value, and where each value sits between <see cref="Top"/> and the baseline.
/// Every chart with a value axis draws it with the shared partial <c>_ValueAxis</c> (the line chart, the feedback chart);
/// the bar chart's horizontal axis takes its steps from the same <see cref="ChartScale"/>.
/// </summary>
public sealed class ValueAxis
{
    public ValueAxis(int largestValue, double top, double height, double left, double width)
    {
        var scale = ChartScale.For(largestValue);
        Step = scale.Step;
        Max = scale.Top;
        Top = top;
        Height = height;
        Left = left;
        Width = width;
    }

    public int Step { get; }

    /// <summary>The value at the top gridline.</summary>
    public int Max { get; }

    public double Top { get; }

    public double Height { get; }

    /// <summary>Where the plot starts (the labels sit to its left) and how wide it is.</summary>
    public double Left { get; }

    public double Width { get; }

    /// <summary>After each label ("%").</summary>
    public string Suffix { get; init; } = "";

    public double Baseline => Top + Height;

    public IEnumerable<int> Ticks => new ChartScale(Step, Max).Ticks();

    public double At(double value) => Top + Height - (value * Height / Max);

    /// <summary>A value's y as SVG writes it.</summary>
    public string Y(double value) => Svg(At(value));

    public static string Svg(double number) => ChartScale.N(number);
}
