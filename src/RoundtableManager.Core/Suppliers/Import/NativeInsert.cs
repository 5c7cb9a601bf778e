using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// One INSERT compiled once by SQLite on the context's own (open) connection, so inside its current transaction, then
/// run once per row with its values bound straight to the statement: text as UTF-16, which SQLite converts itself, so a
/// row costs a handful of native calls and no copy of its text (its whole numbers and flags are boxed into the
/// values span). Microsoft.Data.Sqlite's commands cost several times more per
/// row (a data reader, each value converted to a UTF-8 array); JSON arrays read with json_each cost building the JSON and
/// parsing it again. Values are stored as Microsoft.Data.Sqlite stores them (DateTime as its text, bool as 0 or 1), so EF
/// Core reads them back alike. A failed row throws the <see cref="SqliteException"/> Microsoft.Data.Sqlite would.
/// </summary>
internal sealed class NativeInsert : IDisposable
{
    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;

    public NativeInsert(AppDbContext db, string sql)
    {
        _connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_connection, sql, out _statement));
    }

    /// <summary>DateTime as Microsoft.Data.Sqlite binds it.</summary>
    public static string Text(DateTime value) => value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Inserts one row, its values in the statement's order (text, whole numbers, bool or null); returns its rowid (the key of a table with an integer key).</summary>
    public long Run(params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Check(values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, i + 1),
                // An empty span has no address, which SQLite would take for NULL.
                "" => raw.sqlite3_bind_text(_statement, i + 1, ""),
                string text => raw.sqlite3_bind_text16(_statement, i + 1, text),
                bool flag => raw.sqlite3_bind_int64(_statement, i + 1, flag ? 1 : 0),
                int number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                var other => throw new ArgumentException($"Cannot bind a {other.GetType().Name}", nameof(values)),
            });
        }

        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _connection);
        }

        return raw.sqlite3_last_insert_rowid(_connection);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _connection);
        }
    }
}
