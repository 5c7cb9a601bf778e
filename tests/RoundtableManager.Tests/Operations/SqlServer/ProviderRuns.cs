using System.Reflection;
using Xunit.Sdk;

namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>
/// Issue #21 3(c): a test marked [OnSqlite] and [OnSqlServer] runs once per provider. The SQL Server run needs
/// ROUNDTABLE_TEST_SQLSERVER (a connection string to a server the tests may create databases on); without it that run
/// is reported as skipped with the reason, never passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnSqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class OnSqlServerAttribute : DataAttribute
{
    public const string Variable = "ROUNDTABLE_TEST_SQLSERVER";

    public OnSqlServerAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"SQL Server run skipped: set {Variable} to a SQL Server connection string (README, Operations) to run it.";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.SqlServer]];
}

/// <summary>One app per provider for a test class, started when a test first asks for it and disposed after the class.</summary>
public sealed class ProviderApps : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<TestApp>> _apps = [];
    private readonly Lock _gate = new();

    public Task<TestApp> ForAsync(DatabaseProvider provider)
    {
        lock (_gate)
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                _apps[provider] = app = ProviderApp.StartAsync(provider);
            }

            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsCompletedSuccessfully))
        {
            await (await app).DisposeAsync();
        }
    }
}

/// <summary>The real app on the chosen provider: SQLite as TestApp always does, or a fresh SQL Server database, migrated first and dropped after.</summary>
internal static class ProviderApp
{
    public static async Task<TestApp> StartAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new TestApp();
            _ = sqlite.Services;
            return sqlite;
        }

        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(Environment.GetEnvironmentVariable(OnSqlServerAttribute.Variable))
        {
            InitialCatalog = $"rtm_test_{Guid.NewGuid():N}",
        };
        var options = new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = builder.ConnectionString };
        var context = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(context, options);
        await using (var db = new AppDbContext(context.Options))
        {
            await db.Database.MigrateAsync();
        }

        var app = new SqlServerApp(builder.ConnectionString, options);
        _ = app.Services;
        return app;
    }

    private sealed class SqlServerApp(string connectionString, DatabaseOptions options) : TestApp("Testing", new Dictionary<string, string?>
    {
        ["Database:Provider"] = "SqlServer",
        ["Database:ConnectionString"] = connectionString,
    })
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                var context = new DbContextOptionsBuilder<AppDbContext>();
                DatabaseServiceCollectionExtensions.Configure(context, options);
                using var db = new AppDbContext(context.Options);
                db.Database.EnsureDeleted();
            }
        }
    }
}
