using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RoundtableManager.Core.Data;

/// <summary>
/// Creates a new SQLite database in one transaction from the SQL every migration would run (<see cref="ScriptName"/> in the
/// SQLite migrations assembly: EF Core's own script from the first migration to the last, history rows included, written
/// by scripts/add-migration.sh and checked against the migrations by MigrationTests). Migrate generates that same SQL on
/// every new database from each migration's target model, which it builds first (the largest step of a first start,
/// bench/HISTORY.md session 9). A database that has any table is left to Migrate, and so is whatever the script lacks:
/// its history rows say which migrations it applied.
/// </summary>
public static class SqliteNewDatabase
{
    public const string ScriptName = "NewDatabase.sql";

    /// <summary>True when the database was empty and is now created; false when it already had tables (nothing done).</summary>
    public static async Task<bool> CreateIfEmptyAsync(AppDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)context.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'";
            // A plain read first: a database with tables (every restart) needs neither the write lock nor the script
            // (4.5% of a loaded restart went to the lock and the count inside it, bench/HISTORY.md session 14).
            if (await CountAsync(command, cancellationToken) != 0 || ReadScript(context) is not { } script)
            {
                return false;
            }

            // BEGIN IMMEDIATE: a second instance starting on the same new file waits here, then finds the tables.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            command.Transaction = transaction;
            if (await CountAsync(command, cancellationToken) != 0)
            {
                return false;
            }

            command.CommandText = script;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.NextResultAsync(cancellationToken))
                {
                }
            }

            // Every migration the script holds must have left its history row: a statement the script could not run
            // (custom SQL without its closing semicolon ran into the next one) is undone here and left to Migrate.
            command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
            if (await CountAsync(command, cancellationToken) != HistoryRows(script))
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whether any migration of the assembly is missing from the database's history: what GetPendingMigrationsAsync
    /// answers, read with one plain query. EF Core's history repository builds a model of its own for the history table
    /// first (a convention set and a model build), a large part of every start (bench/HISTORY.md, session 12: 0.90 s of a loaded start against 0.05). A database
    /// without the history table has every migration pending.
    /// </summary>
    public static async Task<bool> HasPendingMigrationsAsync(AppDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var migrations = context.GetService<IMigrationsAssembly>().Migrations;
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return migrations.Count > 0;
            }

            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }

            return migrations.Keys.Any(id => !applied.Contains(id));
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> CountAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    private static int HistoryRows(string script)
    {
        const string insert = "INSERT INTO \"__EFMigrationsHistory\"";
        var count = 0;
        for (var at = script.IndexOf(insert, StringComparison.Ordinal); at >= 0; at = script.IndexOf(insert, at + insert.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string? ReadScript(AppDbContext context)
    {
        using var stream = context.GetService<IMigrationsAssembly>().Assembly.GetManifestResourceStream(ScriptName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
