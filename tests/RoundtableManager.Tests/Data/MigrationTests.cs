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
    public void NewDatabaseScript_IsWhatTheMigrationsGenerate()
    {
        // A new SQLite database is created from this script (SqliteNewDatabase); scripts/add-migration.sh writes it.
        using var context = CreateContext(DatabaseProvider.Sqlite, "Data Source=unused.db");
        var generated = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions);
        using var stream = context.GetService<IMigrationsAssembly>().Assembly.GetManifestResourceStream(SqliteNewDatabase.ScriptName);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.True(Normalise(generated) == Normalise(reader.ReadToEnd()),
            $"migrations/RoundtableManager.Migrations.Sqlite/{SqliteNewDatabase.ScriptName} is not what the migrations generate. Run scripts/add-migration.sh, or its last step.");

        static string Normalise(string sql) => sql.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    [Fact]
    public async Task NewDatabase_FromTheScript_SameSchemaAndHistoryAsMigrate()
    {
        var scripted = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        var migrated = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = CreateContext(DatabaseProvider.Sqlite, $"Data Source={scripted}"))
            {
                // The start's plain history read: an empty file has every migration pending; the script's database none, as EF Core says.
                Assert.True(await SqliteNewDatabase.HasPendingMigrationsAsync(db, CancellationToken.None));
                Assert.True(await SqliteNewDatabase.CreateIfEmptyAsync(db, CancellationToken.None));
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.False(await SqliteNewDatabase.HasPendingMigrationsAsync(db, CancellationToken.None));
                // A second start finds the tables and leaves the database alone.
                Assert.False(await SqliteNewDatabase.CreateIfEmptyAsync(db, CancellationToken.None));
            }

            await using (var db = CreateContext(DatabaseProvider.Sqlite, $"Data Source={migrated}"))
            {
                await db.Database.MigrateAsync();
            }

            Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(scripted));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(scripted);
            File.Delete(migrated);
        }
    }

    [Fact]
    public async Task NewFile_TwoInstancesCreatingAtOnce_OneCreatesItTheOtherFindsItDone()
    {
        // Two instances starting on one new file, each with its own connection: each reads first without the write lock,
        // finds no table, then the second to take BEGIN IMMEDIATE waits for the first's commit and finds the tables.
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using var one = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
            await using var two = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
            using var go = new ManualResetEventSlim();
            var first = Task.Run(async () => { go.Wait(); return await SqliteNewDatabase.CreateIfEmptyAsync(one, CancellationToken.None); });
            var second = Task.Run(async () => { go.Wait(); return await SqliteNewDatabase.CreateIfEmptyAsync(two, CancellationToken.None); });
            go.Set();
            Assert.Equal([false, true], (await Task.WhenAll(first, second)).Order());
            Assert.Empty(await one.Database.GetPendingMigrationsAsync());
            Assert.False(await SqliteNewDatabase.HasPendingMigrationsAsync(two, CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DatabaseBeforeTheLaterMigrations_IsNotScriptedButMigrated()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await before.GetService<IMigrator>().MigrateAsync("20261206131407_Initial");
            }

            await using var after = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}");
            Assert.False(await SqliteNewDatabase.CreateIfEmptyAsync(after, CancellationToken.None));
            Assert.Equal(after.Database.GetMigrations().Skip(1), await after.Database.GetPendingMigrationsAsync());
            Assert.True(await SqliteNewDatabase.HasPendingMigrationsAsync(after, CancellationToken.None));
            await after.Database.MigrateAsync();
            Assert.Equal(after.Database.GetMigrations(), await after.Database.GetAppliedMigrationsAsync());
            Assert.False(await SqliteNewDatabase.HasPendingMigrationsAsync(after, CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>Every table, index and trigger as SQLite stores its definition, and the migration history.</summary>
    private static async Task<List<string>> SchemaAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE '__EFMigrationsLock%' "
            + "UNION ALL SELECT 'history ' || MigrationId FROM __EFMigrationsHistory ORDER BY 1";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public async Task ProgrammeScaleSummaries_OnADatabaseWithData_CountsWhatItHolds()
    {
        // A database made before the kept directory counts existed: the migration's own SQL must count what is there,
        // or the directory would show nought for organisations it lists.
        var counts = await AfterUpgradingAsync("20261206131407_Initial", """
            INSERT INTO Organisations (Id, Name, NormalisedName, Type, IsArchived, CreatedUtc, UpdatedUtc) VALUES
              (1, 'Afon Cloud', 'AFON CLOUD', 1, 0, '2026-01-01', '2026-01-01'),
              (2, 'Bryn Networks', 'BRYN NETWORKS', 1, 0, '2026-01-01', '2026-01-01'),
              (3, 'Cwm Secure', 'CWM SECURE', 2, 1, '2026-01-01', '2026-01-01');
            INSERT INTO Contacts (OrganisationId, FullName, Email, NormalisedEmail, IsPrimary, CreatedUtc, UpdatedUtc) VALUES
              (1, 'Ana', 'ana@afon.example', 'ANA@AFON.EXAMPLE', 1, '2026-01-01', '2026-01-01'),
              (1, 'Bet', 'bet@afon.example', 'BET@AFON.EXAMPLE', 0, '2026-01-01', '2026-01-01'),
              (3, 'Cai', 'cai@cwm.example', 'CAI@CWM.EXAMPLE', 1, '2026-01-01', '2026-01-01');
            """,
            db => db.Set<DirectoryCount>().OrderBy(c => c.IsArchived).Select(c => new { c.Type, c.IsArchived, c.Organisations, c.Contacts }).ToListAsync(),
            c => $"{c.Type} {c.IsArchived} {c.Organisations} {c.Contacts}");

        Assert.Equal([$"{OrganisationType.ManagedServiceProvider} False 2 2", $"{OrganisationType.SystemsIntegrator} True 1 1"], counts);
    }

    [Fact]
    public async Task PagesAtProgrammeScale_OnADatabaseWithActions_CountsThemByStatusAndDueDate()
    {
        // A database made before the register's kept counts existed: the migration's own SQL must count its actions, or
        // the register would show nought open and nought overdue while it lists them.
        // Only the actions matter here: the rows they point at are left out, with foreign keys off for this connection.
        var counts = await AfterUpgradingAsync("20261206174441_ProgrammeScaleSummaries", """
            PRAGMA foreign_keys = OFF;
            INSERT INTO FollowUpActions (RoundtableId, Title, OwnerKind, StaffLeadUserId, DueDate, Priority, Status, CreatedUtc, UpdatedUtc, Version) VALUES
              (1, 'A', 0, 'u', '2027-01-10', 1, 0, '2026-01-01', '2026-01-01', 1),
              (1, 'B', 0, 'u', '2027-01-10', 1, 0, '2026-01-01', '2026-01-01', 1),
              (1, 'C', 0, 'u', '2027-01-10', 1, 4, '2026-01-01', '2026-01-01', 1),
              (1, 'D', 0, 'u', '2027-02-01', 1, 3, '2026-01-01', '2026-01-01', 1);
            """,
            db => db.Set<ActionDueCount>().OrderBy(c => c.DueDate).ThenBy(c => c.Status).Select(c => new { c.Status, c.DueDate, c.Count }).ToListAsync(),
            c => $"{c.Status} {c.DueDate:yyyy-MM-dd} {c.Count}");

        Assert.Equal([$"{ActionStatus.Open} 2027-01-10 2", $"{ActionStatus.Done} 2027-01-10 1", $"{ActionStatus.AwaitingConfirmation} 2027-02-01 1"], counts);
    }

    [Fact]
    public async Task ActionMonthCounts_OnADatabaseWithActions_CountsThemPerUkMonthAsTheAppWould()
    {
        // A database made before the report's kept action counts existed: the migration's own SQL counts its actions per
        // UK month (23:30 UTC on 31 March and on 30 September fall in BST, on 31 October in GMT), the same rows as the
        // app's own recount.
        static string Line(ActionMonthCount c) => $"{c.Month} {c.AgendaItemId} {c.OwnerOrganisationId} {c.Status} {c.DueDate:yyyy-MM-dd} {c.Count}";
        static Task<List<ActionMonthCount>> Read(AppDbContext db) => db.ActionMonthCounts.AsNoTracking()
            .OrderBy(c => c.Month).ThenBy(c => c.AgendaItemId).ThenBy(c => c.OwnerOrganisationId).ThenBy(c => c.Status).ThenBy(c => c.DueDate).ToListAsync();
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await before.GetService<IMigrator>().MigrateAsync("20261207001305_CsvImportSearchWords");
                await before.Database.ExecuteSqlRawAsync("""
                    PRAGMA foreign_keys = OFF;
                    INSERT INTO FollowUpActions (RoundtableId, Title, OwnerKind, StaffLeadUserId, DueDate, Priority, Status, CreatedUtc, UpdatedUtc, Version, AgendaItemId, OwnerOrganisationId) VALUES
                      (1, 'A', 0, 'u', '2026-05-01', 1, 0, '2026-03-31 23:30:00', '2026-04-01', 1, NULL, NULL),
                      (1, 'B', 0, 'u', '2026-05-01', 1, 0, '2026-03-31 22:30:00', '2026-04-01', 1, NULL, NULL),
                      (1, 'C', 1, 'u', '2026-12-01', 1, 4, '2026-10-31 23:30:00', '2026-11-01', 1, 7, 3),
                      (1, 'D', 1, 'u', '2026-12-01', 1, 4, '2026-09-30 23:00:00', '2026-10-01', 1, 7, 3),
                      (1, 'E', 0, 'u', '2026-02-01', 1, 0, '2026-01-31 23:30:00', '2026-02-01', 1, NULL, NULL),
                      (1, 'F', 0, 'u', '2026-05-01', 1, 0, '2026-04-30 23:30:00', '2026-05-01', 1, NULL, NULL);
                    """);
            }

            await using var after = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}");
            await after.Database.MigrateAsync();
            var migrated = (await Read(after)).Select(Line).ToList();
            Assert.Equal(
                [$"202601 0 0 {ActionStatus.Open} 2026-02-01 1", $"202603 0 0 {ActionStatus.Open} 2026-05-01 1", $"202604 0 0 {ActionStatus.Open} 2026-05-01 1",
                    $"202605 0 0 {ActionStatus.Open} 2026-05-01 1", $"202610 7 3 {ActionStatus.Done} 2026-12-01 2"],
                migrated);
            await new ActionMonthCounts(after).RecountAsync(CancellationToken.None);
            Assert.Equal(migrated, (await Read(after)).Select(Line));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>
    /// A SQLite database migrated up to <paramref name="migration"/>, given the rows <paramref name="rowsSql"/> inserts, then
    /// migrated to the latest as an upgrade would: what <paramref name="read"/> finds afterwards, one line per row.
    /// </summary>
    private static async Task<List<string>> AfterUpgradingAsync<T>(string migration, string rowsSql, Func<AppDbContext, Task<List<T>>> read, Func<T, string> line)
    {
        List<string> lines = [];
        await UpgradeAsync(migration, rowsSql, async after => lines = [.. (await read(after)).Select(line)]);
        return lines;
    }

    /// <summary>
    /// A SQLite database file migrated up to <paramref name="migration"/>, given the rows <paramref name="rowsSql"/> inserts,
    /// then migrated to the latest as an upgrade would, and handed to <paramref name="check"/>; the file is deleted after.
    /// </summary>
    private static async Task UpgradeAsync(string migration, string rowsSql, Func<AppDbContext, Task> check)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rtm-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}"))
            {
                await before.GetService<IMigrator>().MigrateAsync(migration);
                await before.Database.ExecuteSqlRawAsync(rowsSql);
            }

            await using var after = CreateContext(DatabaseProvider.Sqlite, $"Data Source={path}");
            await after.Database.MigrateAsync();
            await check(after);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ProgrammeReportMonths_OnADatabaseWithReplies_SumsThemPerUkMonth()
    {
        // A database made before the month summaries existed, with its roundtables' rows kept: the migration marks every
        // UK month a roundtable starts in, so the next refresh (the minutely job, or the report's first reader) adds them up.
        // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in the UK (BST).
        await UpgradeAsync("20261206210949_PagesAtProgrammeScale", """
            INSERT INTO Roundtables (Id, Title, StartsUtc, EndsUtc, Capacity, DelegatesPerOrganisation, RsvpDeadlineUtc, Status, CalendarSequence, CreatedUtc, UpdatedUtc) VALUES
              (1, 'March', '2026-03-10 10:00:00', '2026-03-10 12:00:00', 40, 2, '2026-03-01 17:00:00', 1, 0, '2026-01-01', '2026-01-01'),
              (2, 'April', '2026-03-31 23:30:00', '2026-04-01 01:30:00', 40, 2, '2026-03-20 17:00:00', 1, 0, '2026-01-01', '2026-01-01'),
              (3, 'March again', '2026-03-20 10:00:00', '2026-03-20 12:00:00', 40, 2, '2026-03-10 17:00:00', 1, 0, '2026-01-01', '2026-01-01');
            INSERT INTO ReplySummaries (RoundtableId, GroupKind, GroupKey, Invited, Replied, Accepted, Attended, ReplyTenths) VALUES
              (1, 0, 1, 2, 1, 1, 1, '20:1'),
              (3, 0, 1, 3, 2, 1, 0, '10:1 20:1'),
              (2, 0, 1, 1, 1, 0, 0, '10:1'),
              (2, 0, 2, 1, 0, 0, 0, '');
            """, async after =>
        {
            Assert.Equal([202603, 202604], await after.Set<ReportSummaryRefresh>().Select(m => m.Month!.Value).OrderBy(m => m).ToListAsync());
            await new ReportSummaries(after).RefreshAsync(CancellationToken.None);
            var months = await after.Set<ReplyMonthSummary>().OrderBy(m => m.Month).ThenBy(m => m.GroupKey)
                .Select(m => new { m.Month, m.GroupKey, m.Invited, m.Replied, m.Accepted, m.Attended, m.ReplyTenths }).ToListAsync();

            Assert.Equal(
                ["202603 1 5 3 2 1 10:1 20:2", "202604 1 1 1 0 0 10:1", "202604 2 1 0 0 0 "],
                months.Select(m => $"{m.Month} {m.GroupKey} {m.Invited} {m.Replied} {m.Accepted} {m.Attended} {m.ReplyTenths}"));
            Assert.Empty(await after.Set<ReportSummaryRefresh>().ToListAsync());
        });
    }

    [Fact]
    public async Task CsvImportSearchWords_OnADatabaseWithWords_KeepsEachWordOncePerOrganisation()
    {
        // Before this migration each word row named its contact, so an organisation held a word once per address that
        // had it; the new key (word, organisation) holds it once, and the search still finds the organisation by it.
        var words = await AfterUpgradingAsync("20261206210949_PagesAtProgrammeScale", """
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
            """,
            db => db.OrganisationSearchTerms.OrderBy(t => t.OrganisationId).ThenBy(t => t.Term).ToListAsync(),
            t => $"{t.OrganisationId} {t.Term}");

        Assert.Equal(["1 AFON", "1 ANA", "1 BET", "1 CLOUD", "1 EXAMPLE", "2 BRYN", "2 CAI", "2 EXAMPLE", "2 NETWORKS"], words);
    }

    [Fact]
    public async Task ImportBatchFiles_OnADatabaseWithAnUpload_KeepsItsFileForTheConfirm()
    {
        // An upload previewed before this migration and confirmed after it: its text moves to a table of its own, so the
        // confirm still reads the file; deleting the batch (as an expired one is) deletes its text with it.
        var id = Guid.Parse("0D2C7F0E-5F1A-4C59-9D43-3C2B1E0A0001");
        await UpgradeAsync("20261207063006_ActionsDoneByOpening", """
            INSERT INTO ImportBatches (Id, UploadedById, FileName, Content, CreatedUtc, ExpiresUtc, UnknownTypesAsOther) VALUES
              ('0D2C7F0E-5F1A-4C59-9D43-3C2B1E0A0001', 'u1', 'suppliers.csv', 'Organisation' || char(10) || 'Afon Cloud', '2026-12-07 09:00:00', '2026-12-08 09:00:00', 0);
            """, async after =>
        {
            Assert.Equal("Organisation\nAfon Cloud", await after.ImportBatchFiles.Where(f => f.ImportBatchId == id).Select(f => f.Content).SingleAsync());
            Assert.Equal("suppliers.csv", await after.ImportBatches.Where(b => b.Id == id).Select(b => b.FileName).SingleAsync());
            await after.ImportBatches.Where(b => b.Id == id).ExecuteDeleteAsync();
            Assert.False(await after.ImportBatchFiles.AnyAsync());
        });
    }

    private static AppDbContext CreateContext(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        return new AppDbContext(builder.Options);
    }
}
