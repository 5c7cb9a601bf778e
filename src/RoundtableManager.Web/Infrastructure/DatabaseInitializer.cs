using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// On start: SQLite databases are created and migrated; SQL Server databases are only checked (migrations there are
/// applied deliberately with the migrate command). Then the roles are ensured and, in Development, demo data seeded.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IOptions<DemoDataOptions> demoData) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await PrepareAsync(scope.ServiceProvider, applySqlServerMigrations: false, cancellationToken);
        if (environment.IsDevelopment() && demoData.Value.Seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task PrepareAsync(IServiceProvider services, bool applySqlServerMigrations, CancellationToken cancellationToken)
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

        // The first protect call creates the Data Protection key and writes it to the database. Made here, before any
        // work (the app's or a command's) runs: inside another write transaction (queueing emails whose links are
        // protected) SQLite's single writer would wait on itself until "database is locked". Later keys are made by
        // Data Protection on a thread-pool thread of its own while callers keep the cached key ring (ASP.NET Core 9+),
        // so no caller waits on that write (checked: a revoked ring kept serving its cached key until the refresh landed).
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("RoundtableManager.KeyRing").Protect([0]);
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
