using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// /health/live and /health/ready for orchestrators; an anonymous caller learns only the status word. Readiness with the
/// database file unusable is HealthTests' (one app whose file is taken away, for /health and /health/ready).
/// </summary>
[Collection(SharedHosts.Fresh)]
public sealed class HealthEndpointTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Live_ProcessAnswers_SaysHealthyAndNothingMore()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_NoJobServerHeartbeat_SaysDegradedOnlyAndStillRoutable()
    {
        // Test apps run no job server: nothing beats.
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
        var report = await ReadinessAsync(app);
        Assert.Equal(HealthStatus.Degraded, report.Entries["job-server-heartbeat"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["database-migrated"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["due-email-age"].Status);
    }

    [Fact]
    public async Task Ready_EmailDueLongerThanConfiguredAge_EmailCheckDegraded()
    {
        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["Operations:MaxDueEmailAgeMinutes"] = "30" });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = "Test", ToAddress = "someone@example.gov.uk", Subject = "Waiting", TextBody = "x", HtmlBody = "x",
                Status = OutboxStatus.Queued, NextAttemptUtc = now.AddMinutes(-20), CreatedUtc = now.AddMinutes(-20),
            });
            await db.SaveChangesAsync();
        });

        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync(app)).Entries["due-email-age"].Status);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var report = await ReadinessAsync(app);
        Assert.Equal(HealthStatus.Degraded, report.Entries["due-email-age"].Status);

        await app.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent)));
        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync(app)).Entries["due-email-age"].Status);
    }

    [Fact]
    public async Task Ready_MigrationNotApplied_SaysUnhealthyWhileHealthStaysAsItWas()
    {
        using var client = app.CreateClient();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory)"));

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }

    private static async Task<HealthReport> ReadinessAsync(TestApp app) =>
        await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

    /// <summary>Readiness with a job server beating, on the shared host whose Hangfire server runs (<see cref="SharedHosts.SmtpJobServer"/>).</summary>
    [Collection(SharedHosts.SmtpJobServer)]
    public sealed class WithJobServer(SmtpJobServerFixture fixture)
    {
        [Fact]
        public async Task Ready_JobServerRunningAndNothingWaiting_SaysHealthy()
        {
            var (_, app) = fixture.Next();
            using var client = app.CreateClient();
            var body = "";
            // Hangfire's server announces itself (its first heartbeat) a moment after the host starts.
            for (var attempt = 0; attempt < 50 && body != "Healthy"; attempt++)
            {
                await Task.Delay(200);
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                body = await response.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Equal("Healthy", body);
        }
    }
}
