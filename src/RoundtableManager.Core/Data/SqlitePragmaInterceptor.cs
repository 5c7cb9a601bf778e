using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RoundtableManager.Core.Data;

/// <summary>Sets per-connection SQLite pragmas. WAL mode is stored in the file; the others last for the connection.</summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeoutSeconds * 1000};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
