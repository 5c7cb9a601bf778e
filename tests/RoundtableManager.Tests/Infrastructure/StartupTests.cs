namespace RoundtableManager.Tests.Infrastructure;

public sealed class StartupTests
{
    [Fact]
    public async Task FirstStart_NewDatabase_LogsNoErrorsOrWarningsFromTheApp()
    {
        await using var app = new LoggingTestApp(new Dictionary<string, string?> { ["Jobs:RunServer"] = "true" });
        using var client = app.CreateClient();
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        var problems = app.Lines.Where(l => l.Contains(" Error: ", StringComparison.Ordinal) || l.Contains(" Critical: ", StringComparison.Ordinal)).ToList();
        Assert.Empty(problems);
    }

    /// <summary>
    /// The database is prepared on a thread of its own while the pipeline is set up (Program.cs); a database that cannot
    /// be opened still stops the start with SQLite's own error, before the app answers anything, and is left as it was.
    /// </summary>
    [Fact]
    public async Task Start_DatabaseFileIsNotADatabase_StopsWithTheErrorAndLeavesTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("rtm-start-");
        try
        {
            var file = Path.Combine(folder.FullName, "roundtable.db");
            var text = string.Concat(Enumerable.Repeat("This is a note, not a database. ", 64));
            await File.WriteAllTextAsync(file, text);

            var result = await AppProcess.RunAsync([$"--Database:ConnectionString=Data Source={file}", "--urls=http://127.0.0.1:0"]);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("file is not a database", result.Error + result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening on", result.Output, StringComparison.Ordinal);
            Assert.Equal(text, await File.ReadAllTextAsync(file));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
