namespace RoundtableManager.Tests.Engagement;

[Collection(SharedHosts.Demo)]
public sealed class RecordDemoDataTests(DemoApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FirstRun_DemoData_OrganisationPageShowsATimelineWithInteractions()
    {
        using (app.CreateBrowserLikeClient())
        {
        }

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var directory = await client.GetDocumentAsync("/suppliers");
        var northgate = directory.QuerySelectorAll("#directory tbody tr a").First(a => a.TextContent.Contains("Northgate", StringComparison.Ordinal)).GetAttribute("href");
        var page = await client.GetDocumentAsync(northgate!);
        // The organisation's page shows the newest five; the demo's interactions are a few days old, so on the record.
        Assert.Equal(5, page.QuerySelectorAll("#timeline > li").Length);
        var record = await client.GetDocumentAsync(northgate + "/record");
        var recordKinds = record.QuerySelectorAll("#timeline > li").Select(e => e.GetAttribute("data-kind")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "interactions", "invitations", "delegates", "proposals", "feedback" }, recordKinds);
        Assert.Contains("feedback", recordKinds);
        Assert.Equal(2, record.QuerySelectorAll("#timeline > li[data-kind=interactions]").Length);
    }
}
