using Microsoft.Data.Sqlite;

namespace RoundtableManager.Core.Operations;

/// <summary>
/// Backup and restore of the SQLite database. A backup uses SQLite's online backup API, so it is a consistent copy
/// even while the app writes (WAL mode: readers do not block writers), and is checked with PRAGMA integrity_check
/// before it is given its name. SQL Server has its own BACKUP DATABASE (README, Operations).
/// </summary>
public sealed class SqliteBackup(DatabaseOptions database)
{
    public string DatabasePath => new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

    public async Task<CommandResult> BackupAsync(string destination, CancellationToken cancellationToken)
    {
        if (NotSqlite() is { } refusal)
        {
            return refusal;
        }

        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            return CommandResult.NotAllowed($"{target} already exists; choose a new file name for each backup.");
        }

        if (!File.Exists(DatabasePath))
        {
            return CommandResult.NotFound();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await CopyAsync(partial, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            File.Delete(partial);
            return CommandResult.Invalid(
                $"The database stayed locked for {BusyTimeout.TotalSeconds:0.#} seconds while the app wrote to it; nothing was written to {target}. Try the backup again.");
        }

        var problem = await IntegrityProblemAsync(partial, cancellationToken);
        if (problem is not null)
        {
            File.Delete(partial);
            return CommandResult.Invalid($"The copy failed its integrity check ({problem}); nothing was written to {target}.");
        }

        File.Move(partial, target);
        return CommandResult.Done();
    }

    public async Task<CommandResult> RestoreAsync(string backupFile, CancellationToken cancellationToken)
    {
        if (NotSqlite() is { } refusal)
        {
            return refusal;
        }

        var source = Path.GetFullPath(backupFile);
        if (!File.Exists(source))
        {
            return CommandResult.Invalid($"There is no backup file at {source}.");
        }

        var problem = await IntegrityProblemAsync(source, cancellationToken);
        if (problem is not null)
        {
            return CommandResult.Invalid($"{source} is not a sound SQLite database ({problem}); the database was not changed.");
        }

        var target = Path.GetFullPath(DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var exclusive = DatabaseInstanceLock.TryHoldExclusive(target);
        if (exclusive is null)
        {
            return CommandResult.NotAllowed(
                $"An instance of the app is running on {target}. Stop every instance, then restore; the database was not changed.");
        }

        // Copied beside the database, then renamed over it in one step: nothing ever opens half a file.
        var incoming = target + ".restoring";
        File.Copy(source, incoming, overwrite: true);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(target + suffix);
        }

        File.Move(incoming, target, overwrite: true);
        // Backups are single files (rollback journal); the app opens an existing database read-only first and expects
        // WAL already set, so the restored database is put back into WAL mode here.
        await using (var restored = Open(target, SqliteOpenMode.ReadWrite))
        {
            await restored.OpenAsync(cancellationToken);
            await using var wal = restored.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        return CommandResult.Done();
    }

    /// <summary>Null when PRAGMA integrity_check says "ok", else its first complaint (or why the file would not open).</summary>
    public static async Task<string?> IntegrityProblemAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open(path, SqliteOpenMode.ReadOnly);
            await connection.OpenAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var answer = Convert.ToString(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return answer == "ok" ? null : answer;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    private CommandResult? NotSqlite() => database.Provider == DatabaseProvider.Sqlite
        ? null
        : CommandResult.NotAllowed("The database is SQL Server: back it up and restore it with SQL Server's own BACKUP and RESTORE (README, Operations).");

    /// <summary>
    /// How long the copy waits for a lock the app holds (30 seconds; tests set it short). Microsoft.Data.Sqlite retries
    /// busy commands itself, but not the backup API, which returned "database is locked" at once when it met a write (CI,
    /// session 11): SQLite's own busy handler (PRAGMA busy_timeout) makes sqlite3_backup_step wait instead.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    private async Task CopyAsync(string partial, CancellationToken cancellationToken)
    {
        await using var source = Open(DatabasePath, SqliteOpenMode.ReadOnly);
        await using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate);
        await source.OpenAsync(cancellationToken);
        await copy.OpenAsync(cancellationToken);
        foreach (var connection in new[] { source, copy })
        {
            await using var wait = connection.CreateCommand();
            wait.CommandText = $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds};";
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        source.BackupDatabase(copy);
        await using var journal = copy.CreateCommand();
        // A single file that needs no -wal beside it (restore puts it back into WAL mode).
        journal.CommandText = "PRAGMA journal_mode=DELETE;";
        await journal.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
}
