using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RoundtableManager.Core.Data;

namespace RoundtableManager.Tests.Data;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=Unused;Integrated Security=true;TrustServerCertificate=true")]
    public void MigrationSet_MatchesTheModel(DatabaseProvider provider, string connectionString)
    {
        using var context = CreateContext(provider, connectionString);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {provider} migrations lag behind the model. Run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void SqlServerSet_GeneratesAnIdempotentScript()
    {
        using var context = CreateContext(DatabaseProvider.SqlServer, "Server=localhost;Database=Unused;Integrated Security=true;TrustServerCertificate=true");
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("IF NOT EXISTS (\n    SELECT * FROM [__EFMigrationsHistory]".Replace("\n", Environment.NewLine, StringComparison.Ordinal), script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Organisations]", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqliteDatabase_CreatedAtStartInWalModeWithEveryMigrationApplied()
    {
        using var app = TestApp.Create();
        app.StartsWithoutDatabase = true;
        using (var client = app.CreateClient())
        {
            await client.GetAsync(new Uri("/health", UriKind.Relative));
        }

        Assert.True(File.Exists(app.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());

        var applied = await app.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).Count());
        var all = await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Count()));
        Assert.Equal(all, applied);
    }

    private static AppDbContext CreateContext(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        return new AppDbContext(builder.Options);
    }
}
