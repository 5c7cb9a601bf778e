using System.Runtime.CompilerServices;

namespace RoundtableManager.Core.Common;

/// <summary>
/// Medians worked out by the database: EF Core has no LINQ for window functions nor, on SQLite, for the time between two
/// columns, so these few statements are written by hand. Both providers run the same window functions (ROW_NUMBER and
/// COUNT OVER a partition); only the number of days between two instants differs. The SQL Server text is parsed as T-SQL
/// by the tests (ServiceQueryTranslationTests, RawSqlTests).
/// </summary>
internal static class Medians
{
    /// <summary>The median of Days per GroupKey, over the rows that <paramref name="source"/> selects (columns GroupKey and Days).</summary>
    public static async Task<Dictionary<int, double>> ByGroupAsync(AppDbContext db, FormattableString source, CancellationToken cancellationToken)
    {
        var sql = FormattableStringFactory.Create(
            "SELECT m.GroupKey AS [GroupKey], AVG(m.Days) AS [Median] FROM ("
            + "SELECT s.GroupKey, s.Days, ROW_NUMBER() OVER (PARTITION BY s.GroupKey ORDER BY s.Days) AS RowNumber, COUNT(*) OVER (PARTITION BY s.GroupKey) AS Total "
            + "FROM (" + source.Format + ") AS s) AS m "
            + "WHERE m.RowNumber IN ((m.Total + 1) / 2, (m.Total + 2) / 2) GROUP BY m.GroupKey",
            source.GetArguments());
        var rows = await db.Database.SqlQuery<MedianRow>(sql).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.GroupKey, r => r.Median);
    }

    /// <summary>Days (with fractions) from one instant column to another, in the provider's SQL.</summary>
    public static string DaysBetween(AppDbContext db, string fromColumn, string toColumn) => db.Database.IsSqlite()
        ? $"(julianday({toColumn}) - julianday({fromColumn}))"
        : $"(CAST(DATEDIFF_BIG(second, {fromColumn}, {toColumn}) AS float) / 86400.0)";

    public sealed class MedianRow
    {
        public int GroupKey { get; set; }

        public double Median { get; set; }
    }
}
