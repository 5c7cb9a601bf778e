namespace RoundtableManager.Core.Data;

/// <summary>
/// Tables of count changes (<see cref="Actions.ActionDueCount"/>, <see cref="Engagement.Reports.ActionMonthCount"/>):
/// every write adds its own rows in the same SaveChanges, the rows of a key add up to its count, and a job folds them
/// into one row per key now and then so a read adds up few rows.
/// </summary>
internal static class CountRows
{
    /// <summary>
    /// Folds the table into one row per key (none for a key whose rows add up to 0), in one serializable transaction, so
    /// a write's rows are either in the fold or added after it; returns how many rows there were.
    /// </summary>
    public static async Task<int> FoldCountsAsync<TRow, TKey>(
        this AppDbContext db,
        DbSet<TRow> table,
        Func<TRow, TKey> key,
        Func<TRow, int> count,
        Func<TKey, int, TRow> row,
        CancellationToken cancellationToken)
        where TRow : class =>
        await db.InTransactionAsync(async () =>
        {
            var rows = await table.ToListAsync(cancellationToken);
            var folded = rows.GroupBy(key)
                .Select(g => (g.Key, Count: g.Sum(count)))
                .Where(g => g.Count != 0)
                .Select(g => row(g.Key, g.Count))
                .ToList();
            if (folded.Count < rows.Count)
            {
                table.RemoveRange(rows);
                table.AddRange(folded);
                await db.SaveChangesAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return rows.Count;
        }, cancellationToken, System.Data.IsolationLevel.Serializable);
}
