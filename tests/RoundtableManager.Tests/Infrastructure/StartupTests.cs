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
}
