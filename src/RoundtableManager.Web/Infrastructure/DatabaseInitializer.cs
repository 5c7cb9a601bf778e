using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// On start: SQLite databases are created and migrated; SQL Server databases are only checked (migrations there are
/// applied deliberately with the migrate command). Then the roles are ensured and, in Development, demo data seeded.
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IOptions<DemoDataOptions> demoData,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await PrepareDatabaseAsync(scope.ServiceProvider, applySqlServerMigrations: false, cancellationToken);
        var protection = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>();
        if (await HasUsableKeyAsync(scope.ServiceProvider, cancellationToken))
        {
            // A restart whose database holds a key Data Protection will use for days (KeyRingCheck): the ring is read
            // once the first request has been answered (or a few seconds after the start), off the start's path, as the
            // template app reads it on first use. Within those days that read makes no key, so wherever it happens
            // (even a protect call inside a write transaction) it only reads; Data Protection refreshes the ring itself
            // after that, on a thread of its own.
            _ = LoadKeyRingLaterAsync(protection, scope.ServiceProvider.GetService<StartupJobsGate>());
        }
        else
        {
            LoadKeyRing(protection);
        }

        if (environment.IsDevelopment() && demoData.Value.Seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The database prepared and Data Protection's key ring read (a key made if none is usable): the commands' start.</summary>
    public static async Task PrepareAsync(IServiceProvider services, bool applySqlServerMigrations, CancellationToken cancellationToken)
    {
        await PrepareDatabaseAsync(services, applySqlServerMigrations, cancellationToken);
        LoadKeyRing(services.GetRequiredService<IDataProtectionProvider>());
    }

    /// <summary>
    /// The first protect call reads the key ring and, when no key is usable (a new database, a changed certificate, every
    /// key revoked, expired or about to expire), makes one and writes it to the database. Made here, before any work (the
    /// app's or a command's) runs: inside another write transaction (queueing emails whose links are protected) SQLite's
    /// single writer would wait on itself until "database is locked". Later keys are made by Data Protection on a
    /// thread-pool thread of its own while callers keep the cached key ring (ASP.NET Core 9+), so no caller waits on that
    /// write (checked: a revoked ring kept serving its cached key until the refresh landed).
    /// </summary>
    private static void LoadKeyRing(IDataProtectionProvider protection) =>
        protection.CreateProtector("RoundtableManager.KeyRing").Protect([0]);

    private async Task LoadKeyRingLaterAsync(IDataProtectionProvider protection, StartupJobsGate? gate)
    {
        try
        {
            if (gate is not null && !await gate.WaitAsync(lifetime.ApplicationStopping))
            {
                return;
            }

            await Task.Run(() => LoadKeyRing(protection));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The first protect call that needs the ring reads it again and reports its own failure.
            LogKeyRingLoadFailed(logger, ex);
        }
    }

    private static async Task<bool> HasUsableKeyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var context = services.GetRequiredService<AppDbContext>();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var rows = await DatabaseKeyRepository.ReadXmlAsync(context.Database.GetDbConnection(), cancellationToken);
            return KeyRingCheck.HasUsableKey(rows, services.GetRequiredService<KeyCertificate>().Certificate, DateTimeOffset.UtcNow);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the Data Protection key ring after the start failed; its first use reads it again.")]
    private static partial void LogKeyRingLoadFailed(ILogger logger, Exception exception);

    private static async Task PrepareDatabaseAsync(IServiceProvider services, bool applySqlServerMigrations, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var context = services.GetRequiredService<AppDbContext>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await SqliteNewDatabase.CreateIfEmptyAsync(context, cancellationToken);
            // MigrateAsync takes a migration lock and checks the model against the snapshot even when there is nothing
            // to apply (about 130 ms of every restart); the history read with a plain query is much cheaper still than
            // EF Core's list of pending migrations (SqliteNewDatabase.HasPendingMigrationsAsync).
            if (await SqliteNewDatabase.HasPendingMigrationsAsync(context, cancellationToken))
            {
                await context.Database.MigrateAsync(cancellationToken);
            }
        }
        else if (applySqlServerMigrations)
        {
            if ((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await context.Database.MigrateAsync(cancellationToken);
            }
        }
        else
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The SQL Server database is missing {pending.Count} migration(s), starting with {pending[0]}. " +
                    "Apply them with: dotnet run --project src/RoundtableManager.Web -- migrate");
            }
        }

        await EnsureRolesAsync(context, services.GetRequiredService<ILookupNormalizer>(), cancellationToken);
    }

    internal const string SelectRolesSql = "SELECT \"NormalizedName\" FROM \"AspNetRoles\"";
    internal const string InsertRoleSql = "INSERT INTO \"AspNetRoles\" (\"Id\", \"Name\", \"NormalizedName\", \"ConcurrencyStamp\") VALUES (@id, @name, @normalized, @stamp)";

    /// <summary>
    /// The roles, read with one plain query and written only when missing (a new database), as RoleManager would write them.
    /// RoleManager asked once per role through EF Core's query pipeline, the first LINQ query of every start (bench row 6b).
    /// The SQL quotes names the ANSI way, which SQLite and SQL Server both read (RawSqlTests parses it as T-SQL).
    /// </summary>
    private static async Task EnsureRolesAsync(AppDbContext context, ILookupNormalizer normalizer, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = context.Database.GetDbConnection();
            var existing = new HashSet<string>(StringComparer.Ordinal);
            await using (var select = connection.CreateCommand())
            {
                select.CommandText = SelectRolesSql;
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    existing.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
                }
            }

            foreach (var role in Roles.All)
            {
                var normalized = normalizer.NormalizeName(role);
                if (existing.Contains(normalized))
                {
                    continue;
                }

                await using var insert = connection.CreateCommand();
                insert.CommandText = InsertRoleSql;
                foreach (var (name, value) in new[] { ("@id", Guid.NewGuid().ToString()), ("@name", role), ("@normalized", normalized), ("@stamp", Guid.NewGuid().ToString()) })
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    insert.Parameters.Add(parameter);
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
