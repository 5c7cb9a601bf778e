namespace RoundtableManager.Tests.Operations;

/// <summary>
/// The backup and restore commands against the database of one running app (the actions host: each test writes and reads
/// only its own rows and files). The backup taken while answers are written runs as an operator would run it, as its own
/// process (dotnet RoundtableManager.Web.dll backup FILE); the rest, restores included, run the command that process runs
/// (<see cref="Web.Operations.BackupCommands"/>) in-process, on the shared app's services or on a database of their own:
/// a process start costs seconds of CPU, and a test here is about the command, not the start.
/// </summary>
[Collection(SharedHosts.Actions)]
public sealed class BackupRestoreTests(TestApp app) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rtm-tests", $"backup-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task Backup_WhileAnswersAreWritten_RestoredCopyStartsWithEveryAnswerBeforeIt()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app, capacity: 200);
        var invitations = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            invitations.Add((await RsvpTestData.InviteAsync(app, roundtable, "Backup", contacts: 1)).InvitationId);
        }

        var answered = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            foreach (var id in invitations)
            {
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                await DeclineAsync(app, id);
                Interlocked.Increment(ref answered);
                await Task.Delay(40);
            }
        });

        while (Volatile.Read(ref answered) < 3)
        {
            await Task.Delay(20);
        }

        var answeredBefore = Volatile.Read(ref answered);
        var backupFile = Path.Combine(_folder, "nightly.db");
        var backup = await AppProcess.RunAsync(["backup", backupFile], environment: DatabaseAt(app.DatabasePath));
        var answeredAfter = Volatile.Read(ref answered);
        await stop.CancelAsync();
        await writer;

        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        Assert.Contains("integrity check: ok", backup.Output, StringComparison.Ordinal);
        Assert.Null(await SqliteBackup.IntegrityProblemAsync(backupFile, CancellationToken.None));

        // Restore into a new folder, then start the app on it.
        var restoredPath = Path.Combine(_folder, "restored", "roundtable.db");
        var (restored, restoreOutput) = await RunOnDatabaseAsync(restoredPath, "restore", backupFile);
        Assert.True(restored == 0, restoreOutput);
        using var restoredApp = TestApp.Create(settings: new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={restoredPath}" });
        var declined = await restoredApp.WithDbAsync(db => db.Invitations.AsNoTracking()
            .Where(i => i.RoundtableId == roundtable.Id && i.Response == InvitationResponse.Declined).Select(i => i.Id).ToListAsync());

        // A consistent copy: the answers it holds are exactly the first ones written, at least all those made before it began.
        Assert.InRange(declined.Count, answeredBefore, answeredAfter);
        Assert.Equal(invitations.Take(declined.Count).Order(), declined.Order());
        using var client = restoredApp.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
    }

    [Fact]
    public async Task Restore_OverRunningInstance_RefusedAndDatabaseUnchanged()
    {
        var organisation = await app.CreateOrganisationAsync($"Still here {Guid.NewGuid():N}");
        var backupFile = Path.Combine(_folder, "earlier.db");
        var (exitCode, output) = await RunInProcessAsync("backup", backupFile);
        Assert.True(exitCode == 0, output);
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == organisation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Notes, "Written after the backup")));

        var restore = await RunInProcessAsync("restore", backupFile);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("An instance of the app is running on", restore.Output, StringComparison.Ordinal);
        Assert.Equal("Written after the backup", await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == organisation.Id).Select(o => o.Notes).SingleAsync()));
    }

    [Fact]
    public async Task Restore_DamagedFile_RefusedBeforeTouchingTheDatabase()
    {
        var damaged = Path.Combine(_folder, "damaged.db");
        await File.WriteAllTextAsync(damaged, "This is not a database, though someone named it one.");
        var target = Path.Combine(_folder, "live", "roundtable.db");

        var restore = await RunOnDatabaseAsync(target, "restore", damaged);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("is not a sound SQLite database", restore.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Backup_ExistingFile_RefusedAndLeftAlone()
    {
        var existing = Path.Combine(_folder, "taken.db");
        await File.WriteAllTextAsync(existing, "yesterday's");

        var (exitCode, output) = await RunInProcessAsync("backup", existing);

        Assert.Equal(1, exitCode);
        Assert.Contains("already exists", output, StringComparison.Ordinal);
        Assert.Equal("yesterday's", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task Backup_DatabaseStaysLocked_SaysSoAndWritesNothing()
    {
        // A WAL database like the app's, and a connection that keeps it locked (exclusive locking mode, mid-write): every
        // reader, the backup's copy included, is refused until it lets go. The wait is the backup's own, set short here.
        var database = Path.Combine(_folder, "held", "roundtable.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        await holder.OpenAsync();
        await using var hold = holder.CreateCommand();
        hold.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Answers (Id INTEGER PRIMARY KEY); INSERT INTO Answers VALUES (1); "
            + "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO Answers VALUES (2);";
        await hold.ExecuteNonQueryAsync();
        var backup = new SqliteBackup(new DatabaseOptions { ConnectionString = $"Data Source={database}" }) { BusyTimeout = TimeSpan.FromMilliseconds(300) };
        var commands = new Web.Operations.BackupCommands(backup);
        var target = Path.Combine(_folder, "while-locked.db");

        using var output = new StringWriter();
        var exitCode = await commands.RunAsync(["backup", target], output, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Equal($"The database stayed locked for 0.3 seconds while the app wrote to it; nothing was written to {target}. Try the backup again.", output.ToString().Trim());
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));

        // Once the lock is let go, the same backup goes through and holds what was written under it.
        hold.CommandText = "COMMIT; PRAGMA locking_mode=NORMAL; SELECT COUNT(*) FROM Answers;";
        await hold.ExecuteNonQueryAsync();
        await holder.CloseAsync();
        using var again = new StringWriter();
        Assert.True(await commands.RunAsync(["backup", target], again, CancellationToken.None) == 0, again.ToString());
        await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var count = copy.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Answers;";
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }

    private static Dictionary<string, string> DatabaseAt(string path) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = $"Data Source={path}",
    };

    /// <summary>The verb (backup or restore) through the command the process runs, on the database at <paramref name="databasePath"/>.</summary>
    private static async Task<(int ExitCode, string Output)> RunOnDatabaseAsync(string databasePath, params string[] args)
    {
        var commands = new Web.Operations.BackupCommands(new SqliteBackup(new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }));
        using var output = new StringWriter();
        var exitCode = await commands.RunAsync(args, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    /// <summary>The verb (backup or restore) through the command the process runs, on the shared app's database.</summary>
    private async Task<(int ExitCode, string Output)> RunInProcessAsync(params string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var output = new StringWriter();
        var exitCode = await scope.ServiceProvider.GetRequiredService<Web.Operations.BackupCommands>().RunAsync(args, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    private static async Task DeclineAsync(TestApp app, int invitationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var organisationId = await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().Invitations
            .Where(i => i.Id == invitationId).Select(i => i.OrganisationId).SingleAsync();
        var result = await scope.ServiceProvider.GetRequiredService<RsvpService>().AnswerAsync(
            invitationId, organisationId, new RsvpAnswer(InvitationResponse.Declined, "Diary clash", []),
            new Responder(null, "Backup test", null, false), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, result.Status);
    }
}
