namespace RoundtableManager.Tests.Infrastructure;

[Collection(SharedHosts.Actions)]
public sealed class HealthTests
{
    private readonly TestApp _app;

    public HealthTests(TestApp app) => _app = app;

    [Fact]
    public async Task Health_DatabaseReachable_SaysHealthyAndNothingMore()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_DatabaseFileUnusable_SaysUnhealthy()
    {
        // A directory where the database file should be: SQLite cannot open it. An app of its own, whose file is taken away.
        var folder = Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var healthy = TestApp.Create();
        using (var client = healthy.CreateClient())
        {
            await client.GetAsync(new Uri("/health", UriKind.Relative));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(healthy.DatabasePath);
        Directory.CreateDirectory(healthy.DatabasePath);
        try
        {
            using var client = healthy.CreateClient();
            // Readiness for orchestrators says so too (HealthEndpointTests has the other readiness cases).
            foreach (var path in new[] { "/health", "/health/ready" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            Directory.Delete(healthy.DatabasePath);
            Directory.Delete(folder);
        }
    }
}
