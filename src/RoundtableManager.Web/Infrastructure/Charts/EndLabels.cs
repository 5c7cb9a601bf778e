namespace RoundtableManager.Web.Infrastructure.Charts;

/// <summary>Where to put the labels at the right-hand end of a line chart's lines so that no two overlap.</summary>
public static class EndLabels
{
    /// <summary>
    /// Each label's y, as near its line's end as it can be, at least <paramref name="gap"/> from every other label and
    /// within <paramref name="top"/> to <paramref name="bottom"/> where the space allows. Lines ending on the same value
    /// keep their given order, top to bottom.
    /// </summary>
    public static double[] Place(IReadOnlyList<double> lineEnds, double gap, double top, double bottom)
    {
        ArgumentNullException.ThrowIfNull(lineEnds);
        var order = Enumerable.Range(0, lineEnds.Count).OrderBy(i => lineEnds[i]).ToArray();
        var placed = new double[lineEnds.Count];
        var previous = double.NegativeInfinity;
        foreach (var i in order)
        {
            placed[i] = Math.Max(Math.Max(lineEnds[i], top), previous + gap);
            previous = placed[i];
        }

        // Pushed past the bottom: move the lowest labels back up, keeping the gaps.
        var next = double.PositiveInfinity;
        foreach (var i in order.Reverse())
        {
            placed[i] = Math.Min(placed[i], Math.Min(bottom, next - gap));
            next = placed[i];
        }

        return placed;
    }
}
