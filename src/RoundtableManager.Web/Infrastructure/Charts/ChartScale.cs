namespace RoundtableManager.Web.Infrastructure.Charts;

/// <summary>The value axis of a chart: about five round steps from zero to at least the largest value.</summary>
public readonly record struct ChartScale(int Step, int Top)
{
    public static ChartScale For(int max)
    {
        max = Math.Max(1, max);
        var step = max <= 5 ? 1 : (int)Math.Ceiling(max / 5.0);
        return new ChartScale(step, (max + step - 1) / step * step);
    }

    public IEnumerable<int> Ticks()
    {
        for (var v = 0; v <= Top; v += Step)
        {
            yield return v;
        }
    }

    /// <summary>SVG coordinates: invariant culture, at most one decimal place.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
