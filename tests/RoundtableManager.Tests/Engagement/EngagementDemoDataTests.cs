namespace RoundtableManager.Tests.Engagement;

[Collection(SharedHosts.Demo)]
public sealed class EngagementDemoDataTests(DemoApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FirstRun_DemoData_DirectoryShowsTagsAndFiltersByThem()
    {
        using (app.CreateBrowserLikeClient())
        {
        }

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var directory = await client.GetDocumentAsync("/suppliers");
        var northgate = directory.QuerySelectorAll("#directory tbody tr").Single(r => r.TextContent.Contains("Northgate", StringComparison.Ordinal));
        Assert.Equal(["CNI", "Strategic supplier"], northgate.QuerySelectorAll(".govuk-tag").Select(t => t.TextContent));
        var strategic = directory.QuerySelectorAll("#Tag option").Single(o => o.TextContent == "Strategic supplier").GetAttribute("value");
        var filtered = await client.GetDocumentAsync($"/suppliers?tag={strategic}");
        Assert.Equal(2, filtered.QuerySelectorAll("#directory tbody tr").Length);
    }
}
