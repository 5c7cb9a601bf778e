namespace RoundtableManager.Core.Data;

public static class DistinctValues
{
    /// <summary>
    /// The distinct values of an indexed text column in order, found by skipping through its index: one
    /// <c>ORDER BY value LIMIT 1</c> seek past the previous value per distinct value, so the cost follows the number of
    /// distinct values, not of rows (a <c>SELECT DISTINCT</c> reads the whole table). Filter lists use it.
    /// </summary>
    public static async Task<List<string>> ListAsync(IQueryable<string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var found = new List<string>();
        string? last = null;
        while (true)
        {
            var after = last;
#pragma warning disable CA1309 // Translated to SQL's ">" under the column's collation, the same order as ORDER BY; EF translates no StringComparison overload.
            var next = await values.Where(v => after == null || string.Compare(v, after) > 0).OrderBy(v => v).FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1309
            if (next is null)
            {
                return found;
            }

            found.Add(next);
            last = next;
        }
    }
}
