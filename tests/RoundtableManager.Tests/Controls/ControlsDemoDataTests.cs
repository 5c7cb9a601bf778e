namespace RoundtableManager.Tests.Controls;

[Collection(SharedHosts.Demo)]
public sealed class ControlsDemoDataTests(DemoApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FirstRun_DemoData_HeatmapShowsAnAssessedProgrammeWithOneVerifiedAndOneReturned()
    {
        using (app.CreateBrowserLikeClient())
        {
        }

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var heatmap = await client.GetDocumentAsync("/controls/heatmap?set=1");
        var rows = heatmap.QuerySelectorAll("#heatmap tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var northgate = rows.Single(r => r.TextContent.Contains("Northgate", StringComparison.Ordinal));
        Assert.Equal("In place, verified", northgate.QuerySelector("[data-control='CE1']")!.GetAttribute("data-cell"));
        Assert.Contains("rtm-heat--returned", northgate.QuerySelector("[data-control='CE4']")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("Partly in place, not verified", northgate.QuerySelector("[data-control='CE3']")!.GetAttribute("data-cell"));
        var caf = await client.GetDocumentAsync("/controls/heatmap?set=2");
        Assert.Equal(3, caf.QuerySelectorAll("#heatmap tbody tr").Length);
    }
}
