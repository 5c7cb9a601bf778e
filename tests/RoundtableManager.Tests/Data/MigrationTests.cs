using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

    [Fact]
    public async Task ProgrammeScaleSummaries_OnADatabaseWithData_CountsWhatItHolds()
    {
        // A database made before the kept directory counts existed: the migration's own SQL must count what is there,
        // or the directory would show nought for organisations it lists.
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await before.GetService<IMigrator>().MigrateAsync("20261206131407_Initial");
                await before.Database.ExecuteSqlRawAsync("""
                    INSERT INTO Organisations (Id, Name, NormalisedName, Type, IsArchived, CreatedUtc, UpdatedUtc) VALUES
                      (1, 'Afon Cloud', 'AFON CLOUD', 1, 0, '2026-01-01', '2026-01-01'),
                      (2, 'Bryn Networks', 'BRYN NETWORKS', 1, 0, '2026-01-01', '2026-01-01'),
                      (3, 'Cwm Secure', 'CWM SECURE', 2, 1, '2026-01-01', '2026-01-01');
                    INSERT INTO Contacts (OrganisationId, FullName, Email, NormalisedEmail, IsPrimary, CreatedUtc, UpdatedUtc) VALUES
                      (1, 'Ana', 'ana@afon.example', 'ANA@AFON.EXAMPLE', 1, '2026-01-01', '2026-01-01'),
                      (1, 'Bet', 'bet@afon.example', 'BET@AFON.EXAMPLE', 0, '2026-01-01', '2026-01-01'),
                      (3, 'Cai', 'cai@cwm.example', 'CAI@CWM.EXAMPLE', 1, '2026-01-01', '2026-01-01');
                    """);
            }

            await using var after = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}");
            await after.Database.MigrateAsync();
            var counts = await after.Set<DirectoryCount>().OrderBy(c => c.IsArchived)
                .Select(c => new { c.Type, c.IsArchived, c.Organisations, c.Contacts }).ToListAsync();

            Assert.Equal(
                [$"{OrganisationType.ManagedServiceProvider} False 2 2", $"{OrganisationType.SystemsIntegrator} True 1 1"],
                counts.Select(c => $"{c.Type} {c.IsArchived} {c.Organisations} {c.Contacts}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PagesAtProgrammeScale_OnADatabaseWithActions_CountsThemByStatusAndDueDate()
    {
        // A database made before the register's kept counts existed: the migration's own SQL must count its actions, or
        // the register would show nought open and nought overdue while it lists them.
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await before.GetService<IMigrator>().MigrateAsync("20261206174441_ProgrammeScaleSummaries");
                // Only the actions matter here: the rows they point at are left out, with foreign keys off for this connection.
                await before.Database.ExecuteSqlRawAsync("""
                    PRAGMA foreign_keys = OFF;
                    INSERT INTO FollowUpActions (RoundtableId, Title, OwnerKind, StaffLeadUserId, DueDate, Priority, Status, CreatedUtc, UpdatedUtc, Version) VALUES
                      (1, 'A', 0, 'u', '2027-01-10', 1, 0, '2026-01-01', '2026-01-01', 1),
                      (1, 'B', 0, 'u', '2027-01-10', 1, 0, '2026-01-01', '2026-01-01', 1),
                      (1, 'C', 0, 'u', '2027-01-10', 1, 4, '2026-01-01', '2026-01-01', 1),
                      (1, 'D', 0, 'u', '2027-02-01', 1, 3, '2026-01-01', '2026-01-01', 1);
                    """);
            }

            await using var after = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}");
            await after.Database.MigrateAsync();
            var counts = await after.Set<ActionDueCount>().OrderBy(c => c.DueDate).ThenBy(c => c.Status).Select(c => new { c.Status, c.DueDate, c.Count }).ToListAsync();

            Assert.Equal(
                [$"{ActionStatus.Open} 2027-01-10 2", $"{ActionStatus.Done} 2027-01-10 1", $"{ActionStatus.AwaitingConfirmation} 2027-02-01 1"],
                counts.Select(c => $"{c.Status} {c.DueDate:yyyy-MM-dd} {c.Count}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CsvImportSearchWords_OnADatabaseWithWords_KeepsEachWordOncePerOrganisation()
    {
        // Before this migration each word row named its contact, so an organisation held a word once per address that
        // had it; the new key (word, organisation) holds it once, and the search still finds the organisation by it.
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await before.GetService<IMigrator>().MigrateAsync("20261206210949_PagesAtProgrammeScale");
                await before.Database.ExecuteSqlRawAsync("""
                    INSERT INTO Organisations (Id, Name, NormalisedName, Type, IsArchived, CreatedUtc, UpdatedUtc) VALUES
                      (1, 'Afon Cloud', 'AFON CLOUD', 1, 0, '2026-01-01', '2026-01-01'),
                      (2, 'Bryn Networks', 'BRYN NETWORKS', 1, 0, '2026-01-01', '2026-01-01');
                    INSERT INTO Contacts (Id, OrganisationId, FullName, Email, NormalisedEmail, IsPrimary, CreatedUtc, UpdatedUtc) VALUES
                      (1, 1, 'Ana', 'ana@afon.example', 'ANA@AFON.EXAMPLE', 1, '2026-01-01', '2026-01-01'),
                      (2, 1, 'Bet', 'bet@afon.example', 'BET@AFON.EXAMPLE', 0, '2026-01-01', '2026-01-01'),
                      (3, 2, 'Cai', 'cai@bryn.example', 'CAI@BRYN.EXAMPLE', 1, '2026-01-01', '2026-01-01');
                    INSERT INTO OrganisationSearchTerms (OrganisationId, ContactId, Term) VALUES
                      (1, NULL, 'AFON'), (1, NULL, 'CLOUD'), (1, 1, 'ANA'), (1, 1, 'AFON'), (1, 1, 'EXAMPLE'),
                      (1, 2, 'BET'), (1, 2, 'AFON'), (1, 2, 'EXAMPLE'),
                      (2, NULL, 'BRYN'), (2, NULL, 'NETWORKS'), (2, 3, 'CAI'), (2, 3, 'BRYN'), (2, 3, 'EXAMPLE');
                    """);
            }

            await using var after = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}");
            await after.Database.MigrateAsync();
            var words = await after.OrganisationSearchTerms.OrderBy(t => t.OrganisationId).ThenBy(t => t.Term).Select(t => t.OrganisationId + " " + t.Term).ToListAsync();

            Assert.Equal(["1 AFON", "1 ANA", "1 BET", "1 CLOUD", "1 EXAMPLE", "2 BRYN", "2 CAI", "2 EXAMPLE", "2 NETWORKS"], words);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static AppDbContext CreateContext(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        return new AppDbContext(builder.Options);
    }
}
