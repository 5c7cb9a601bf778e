using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// One INSERT compiled once by SQLite on the context's own (open) connection, so inside its current transaction, then
/// run once per row with its values bound straight to the statement: text as UTF-16, which SQLite converts itself, so a
/// row costs a handful of native calls and no allocation. Microsoft.Data.Sqlite's commands cost several times more per
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

    public void Bind(int index, string? value) => Check(value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        // An empty span has no address, which SQLite would take for NULL.
        "" => raw.sqlite3_bind_text(_statement, index, ""),
        _ => raw.sqlite3_bind_text16(_statement, index, value),
    });

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Inserts the row bound; returns its rowid (the key of a table with an integer key).</summary>
    public long Run()
    {
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
