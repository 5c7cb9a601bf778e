namespace RoundtableManager.Core.Data;

public static class CappedCount
{
    /// <summary>
    /// How many rows the query has, counting no further than <paramref name="cap"/>, so a count costs the same at any size
    /// of table. Which rows fill the cap does not change the count; the order is asked for only so that no row-limited
    /// query runs without one (the query warnings guard): give the order an index already provides, so it costs nothing.
    /// </summary>
    public static Task<int> CountUpToAsync<T>(this IOrderedQueryable<T> query, int cap, CancellationToken cancellationToken) =>
        query.Take(cap).CountAsync(cancellationToken);
}
