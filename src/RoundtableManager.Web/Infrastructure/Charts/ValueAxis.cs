namespace RoundtableManager.Web.Infrastructure.Charts;

/// <summary>
/// The vertical axis of a server-drawn SVG chart of whole numbers: up to about five evenly spaced gridlines from 0 to a
/// round maximum at or above the largest value, and where each value sits between <see cref="Top"/> and the baseline.
/// The charts draw it with the shared partial <c>_ValueAxis</c>.
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

    public double Baseline => Top + Height;

    public IEnumerable<int> Ticks => new ChartScale(Step, Max).Ticks();

    public double At(int value) => Top + Height - (value * Height / Max);

    /// <summary>A value's y as SVG writes it.</summary>
    public string Y(int value) => Svg(At(value));

    public static string Svg(double number) => ChartScale.N(number);
}
