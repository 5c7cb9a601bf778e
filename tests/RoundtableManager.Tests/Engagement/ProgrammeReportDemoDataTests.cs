namespace RoundtableManager.Tests.Engagement;

[Collection(SharedHosts.Demo)]
public sealed class ProgrammeReportDemoDataTests(DemoApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FirstRun_DemoData_ReportShowsRepliesActionsAndQuietOrganisations()
    {
        using (app.CreateBrowserLikeClient())
        {
        }

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var page = await client.GetDocumentAsync("/reports");
        // The upcoming roundtable (2 invited, 1 accepted) and the held one before it (3 invited, 2 accepted, both attended).
        Assert.Equal(["5", "3", "3", "2"], page.QuerySelectorAll("#headline [data-figure]").Take(4).Select(f => f.TextContent));
        Assert.Equal(["3", "2", "67%", "4.5"], page.QuerySelectorAll("#feedback tbody tr").Single(r => r.Children[0].TextContent == "All roundtables").Children.Skip(2).Select(c => c.TextContent.Trim()));
        var actions = page.QuerySelectorAll("#actions-by-category tbody tr").Single(r => r.Children[0].TextContent == "All follow-up actions");
        Assert.True(int.Parse(actions.Children[1].TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 4, actions.TextContent);
        Assert.True(int.Parse(actions.Children[3].TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1, "an overdue action shows");
        Assert.Contains(page.QuerySelectorAll("#not-engaged tbody th"), c => c.TextContent.Contains("Harbour", StringComparison.Ordinal));
    }
}
