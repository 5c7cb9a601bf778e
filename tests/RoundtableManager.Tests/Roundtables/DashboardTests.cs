namespace RoundtableManager.Tests.Roundtables;

/// <summary>The dashboard shows a page of upcoming and a page of past roundtables, whatever the size of the programme (issue #22).</summary>
[Collection(SharedHosts.FreshReports)]
public sealed class DashboardTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Dashboard_ManyRoundtables_PagesUpcomingSoonestFirstAndPastLatestFirst()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 23; i++)
            {
                db.Roundtables.Add(InvitationTestData.OpenRoundtable($"Upcoming {i:D2}", now.AddDays(i), now));
            }

            for (var i = 1; i <= 12; i++)
            {
                db.Roundtables.Add(InvitationTestData.OpenRoundtable($"Past {i:D2}", now.AddDays(-i), now));
            }

            await db.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));

        var first = await client.GetDocumentAsync("/dashboard");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Upcoming {i:D2}"), Titles(first, "Upcoming roundtables"));
        Assert.Equal("Showing 1 to 20 of 23 upcoming roundtables, soonest first.", first.QuerySelector("[data-count=upcoming-shown]")!.TextContent.Trim());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"Past {i:D2}"), Titles(first, "Past roundtables"));
        Assert.Equal("Showing 1 to 10 of 12 past roundtables, latest first.", first.QuerySelector("[data-count=past-shown]")!.TextContent.Trim());
        Assert.Equal("/dashboard?upcoming=2&past=1#upcoming", first.QuerySelectorAll(".govuk-pagination__next a")[0].GetAttribute("href"));

        var second = await client.GetDocumentAsync("/dashboard?upcoming=2&past=2");
        Assert.Equal(["Upcoming 21", "Upcoming 22", "Upcoming 23"], Titles(second, "Upcoming roundtables"));
        Assert.Equal(["Past 11", "Past 12"], Titles(second, "Past roundtables"));

        var beyond = await client.GetDocumentAsync("/dashboard?upcoming=99&past=-3");
        Assert.Equal(["Upcoming 21", "Upcoming 22", "Upcoming 23"], Titles(beyond, "Upcoming roundtables"));
        Assert.Equal(10, Titles(beyond, "Past roundtables").Count);
    }

    private static List<string> Titles(AngleSharp.Dom.IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
}
