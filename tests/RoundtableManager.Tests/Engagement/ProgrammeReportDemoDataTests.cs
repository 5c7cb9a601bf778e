using RoundtableManager.Core.Identity;

namespace RoundtableManager.Tests.Engagement;

public sealed class ProgrammeReportDemoDataTests
{
    [Fact]
    public async Task FirstRun_DemoData_ReportShowsRepliesActionsAndQuietOrganisations()
    {
        using var app = TestApp.Create("Development", new Dictionary<string, string?> { ["DemoData:Seed"] = "true" });
        using (app.CreateBrowserLikeClient())
        {
        }

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var page = await client.GetDocumentAsync("/reports");
        Assert.Equal(["2", "1", "1", "0"], page.QuerySelectorAll("#headline [data-figure]").Take(4).Select(f => f.TextContent));
        var actions = page.QuerySelectorAll("#actions-by-category tbody tr").Single(r => r.Children[0].TextContent == "All follow-up actions");
        Assert.True(int.Parse(actions.Children[1].TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 4, actions.TextContent);
        Assert.True(int.Parse(actions.Children[3].TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1, "an overdue action shows");
        Assert.Contains(page.QuerySelectorAll("#not-engaged tbody th"), c => c.TextContent.Contains("Harbour", StringComparison.Ordinal));
    }
}
