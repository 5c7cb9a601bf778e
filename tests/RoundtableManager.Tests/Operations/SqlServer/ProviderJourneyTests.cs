using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>
/// The same journeys on each provider (SQL Server only with ROUNDTABLE_TEST_SQLSERVER set), on one app per provider for the
/// class (<see cref="ProviderApps"/>): each test makes its own organiser, roundtable and organisation and reads only those.
/// </summary>
public sealed class ProviderJourneyTests(ProviderApps apps) : IClassFixture<ProviderApps>
{
    [Theory]
    [OnSqlite]
    [OnSqlServer]
    public async Task Ready_FreshlyMigratedDatabase_DatabaseCheckHealthy(DatabaseProvider provider)
    {
        var app = await apps.ForAsync(provider);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Healthy, report.Entries["database-migrated"].Status);
        using var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
    }

    [Theory]
    [OnSqlite]
    [OnSqlServer]
    public async Task Organiser_SignsInWithSecurityCode_SeesTheDashboard(DatabaseProvider provider)
    {
        var app = await apps.ForAsync(provider);
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        using var dashboard = await client.GetAsync(home.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory]
    [OnSqlite]
    [OnSqlServer]
    public async Task Invitation_AnsweredThroughThePortal_AnswerAndDelegatesStored(DatabaseProvider provider)
    {
        var app = await apps.ForAsync(provider);
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Provider");
        using var client = await RsvpTestData.SupplierAsync(app, invited);

        using var reply = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", RsvpTestData.People("Provider", 2));

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(InvitationResponse.Accepted, (await RsvpTestData.InvitationAsync(app, invited.InvitationId)).Response);
        Assert.Equal(2, (await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Count);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.RoundtableId == roundtable.Id)));
    }
}
