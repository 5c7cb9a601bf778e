namespace RoundtableManager.Tests.Operations;

/// <summary>
/// The backup and restore commands, run as an operator would (dotnet RoundtableManager.Web.dll backup FILE) against the
/// database of one running app the tests share (each test writes and reads only its own rows and files). A backup refused,
/// and a backup made only to restore over the running app, run in-process through the same command
/// (<see cref="Web.Operations.BackupCommands"/>) on that app's services.
/// </summary>
public sealed class BackupRestoreTests(TestApp app) : IClassFixture<TestApp>, IDisposable
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
        var restore = await AppProcess.RunAsync(["restore", backupFile], environment: DatabaseAt(restoredPath));
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);
        using var restored = TestApp.Create(settings: new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={restoredPath}" });
        var declined = await restored.WithDbAsync(db => db.Invitations.AsNoTracking()
            .Where(i => i.RoundtableId == roundtable.Id && i.Response == InvitationResponse.Declined).Select(i => i.Id).ToListAsync());

        // A consistent copy: the answers it holds are exactly the first ones written, at least all those made before it began.
        Assert.InRange(declined.Count, answeredBefore, answeredAfter);
        Assert.Equal(invitations.Take(declined.Count).Order(), declined.Order());
        using var client = restored.CreateClient();
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

        var restore = await AppProcess.RunAsync(["restore", backupFile], environment: DatabaseAt(app.DatabasePath));

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

        var restore = await AppProcess.RunAsync(["restore", damaged], environment: DatabaseAt(target));

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
