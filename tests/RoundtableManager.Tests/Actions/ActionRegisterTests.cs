using System.Globalization;

namespace RoundtableManager.Tests.Actions;

[Collection(SharedHosts.Actions)]
public sealed class ActionRegisterTests(TestApp app)
{
    /// <summary>30 actions: 3 overdue, 2 due today, 1 awaiting confirmation, 2 done, 2 owned and led by another staff member, 20 later.</summary>
    private async Task<(ActionWorld World, TestUser Other)> RegisterAsync()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await app.CreateUserAsync(Roles.Staff);
        var today = ActionTestData.Today(app);
        for (var i = 0; i < 3; i++)
        {
            await ActionTestData.InsertAsync(app, world, $"Late {i}", today.AddDays(-1 - i));
        }

        await ActionTestData.InsertAsync(app, world, "Due today A", today);
        await ActionTestData.InsertAsync(app, world, "Due today B", today, ActionStatus.InProgress);
        await ActionTestData.InsertAsync(app, world, "Waiting for staff", today.AddDays(40), ActionStatus.AwaitingConfirmation);
        await ActionTestData.InsertAsync(app, world, "Finished", today.AddDays(-10), ActionStatus.Done);
        await ActionTestData.InsertAsync(app, world, "Also finished", today.AddDays(-9), ActionStatus.Done);
        await ActionTestData.InsertAsync(app, world, "Someone else's 1", today.AddDays(50), staffUserId: other.Id);
        await ActionTestData.InsertAsync(app, world, "Someone else's 2", today.AddDays(51), staffUserId: other.Id);
        for (var i = 0; i < 20; i++)
        {
            await ActionTestData.InsertAsync(app, world, $"Later {i:00}", today.AddDays(20 + i));
        }

        return (world, other);
    }

    private static List<string> Titles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#actions tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim()).ToList();

    private static int Count(AngleSharp.Dom.IDocument page, string name) =>
        int.Parse(page.QuerySelector($"[data-count={name}] .rtm-counts__number")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Register_ForARoundtable_CountsSortsByDueDateHighlightsOverdueAndPages()
    {
        var (world, _) = await RegisterAsync();
        using var staff = await app.SignedInClientAsync(world.Lead);

        var page = await staff.GetDocumentAsync($"/actions?roundtable={world.Roundtable.Id}");

        Assert.Equal((28, 3, 2, 1), (Count(page, "open"), Count(page, "overdue"), Count(page, "week"), Count(page, "awaiting")));
        var titles = Titles(page);
        Assert.Equal(25, titles.Count);
        Assert.Equal(["Late 2", "Late 1", "Late 0", "Due today A", "Due today B"], titles.Take(5));
        var rows = page.QuerySelectorAll("#actions tbody tr").ToList();
        Assert.All(rows.Take(3), r => Assert.Equal("Overdue", r.QuerySelector("[data-overdue]")!.TextContent.Trim()));
        Assert.All(rows.Skip(3), r => Assert.Null(r.QuerySelector("[data-overdue]")));
        Assert.Contains("rtm-actions__row--overdue", rows[0].ClassName, StringComparison.Ordinal);
        var next = page.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Equal($"/actions?roundtable={world.Roundtable.Id}&page=2", next);

        var second = await staff.GetDocumentAsync(next);
        Assert.Equal(new[] { "Waiting for staff", "Someone else's 1", "Someone else's 2" }, Titles(second));
        Assert.Equal(3, Titles(second).Count);
    }

    [Fact]
    public async Task Register_Filters_OverdueDueThisWeekStatusOrganisationOwnerAndMine()
    {
        var (world, other) = await RegisterAsync();
        using var staff = await app.SignedInClientAsync(world.Lead);
        var rt = $"/actions?roundtable={world.Roundtable.Id}";

        Assert.Equal(["Late 2", "Late 1", "Late 0"], Titles(await staff.GetDocumentAsync($"{rt}&overdue=true")));
        Assert.Equal(["Due today A", "Due today B"], Titles(await staff.GetDocumentAsync($"{rt}&week=true")));
        Assert.Equal(["Finished", "Also finished"], Titles(await staff.GetDocumentAsync($"{rt}&status=Done")));
        Assert.Equal(["Waiting for staff"], Titles(await staff.GetDocumentAsync($"{rt}&status=AwaitingConfirmation")));
        Assert.Equal(["Someone else's 1", "Someone else's 2"], Titles(await staff.GetDocumentAsync($"{rt}&owner={other.Id}")));
        var all = await staff.GetDocumentAsync($"{rt}&status=all&organisation={world.Organisation.Id}");
        Assert.Equal("28 actions", all.QuerySelector("#register-summary strong")!.TextContent);
        var mine = await staff.GetDocumentAsync($"{rt}&mine=true");
        Assert.Equal("26 actions", mine.QuerySelector("#register-summary strong")!.TextContent);
        Assert.Equal(26, Count(mine, "open"));
        var theirs = await staff.GetDocumentAsync($"/actions?mine=true&status=all");
        Assert.DoesNotContain(Titles(theirs), t => t.StartsWith("Someone else", StringComparison.Ordinal));

        var junk = await staff.GetDocumentAsync($"{rt}&status=Nonsense&organisation=abc&page=-4");
        Assert.Equal("Follow-up actions", junk.Heading());
    }

    [Fact]
    public async Task Progress_WeeklyPointsAsAnAccessibleChartAndATable()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = ActionTestData.Today(app);
        await ActionTestData.InsertAsync(app, world, "Old and late", today.AddDays(-3), createdUtc: now.AddDays(-21));
        await ActionTestData.InsertAsync(app, world, "Done already", today.AddDays(10), ActionStatus.Done, createdUtc: now.AddDays(-14));
        await ActionTestData.InsertAsync(app, world, "New", today.AddDays(10));
        using var staff = await app.SignedInClientAsync(world.Lead);

        var page = await staff.GetDocumentAsync($"/roundtables/{world.Roundtable.Id}/actions/progress");

        var svg = page.QuerySelector("svg#progress-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("Open, done and overdue", svg.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 open, 1 done, 1 overdue", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Open 2", "Done 1", "Overdue 1"], svg.QuerySelectorAll("[data-label]").Select(t => t.TextContent.Trim()));
        Assert.Equal("Actions at the end of each week", page.QuerySelector("#progress-table caption")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("#progress-table tbody tr").ToList();
        Assert.InRange(rows.Count, 4, 5);
        Assert.Equal(["2", "1", "1"], rows[^1].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal(["1", "0", "0"], rows[0].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Progress_LinesEndOnTheSameValue_EndLabelsDoNotOverlap()
    {
        // One open action, none done or overdue: "Done 0" and "Overdue 0" end on the same point of the chart.
        var world = await ActionTestData.CreateWorldAsync(app);
        await ActionTestData.InsertAsync(app, world, "Only one", ActionTestData.Today(app).AddDays(10));
        using var staff = await app.SignedInClientAsync(world.Lead);

        var page = await staff.GetDocumentAsync($"/roundtables/{world.Roundtable.Id}/actions/progress");

        var labels = page.QuerySelectorAll("svg#progress-chart [data-label]")
            .Select(t => (Text: t.TextContent.Trim(), Y: double.Parse(t.GetAttribute("y")!, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(["Open 1", "Done 0", "Overdue 0"], labels.Select(l => l.Text));
        var ys = labels.Select(l => l.Y).Order().ToList();
        for (var i = 1; i < ys.Count; i++)
        {
            // The labels are 14px text: closer than that, they print over each other.
            Assert.True(ys[i] - ys[i - 1] >= 14, $"End labels overlap: {string.Join(", ", labels)}");
        }
    }

    [Fact]
    public async Task Export_CurrentFilters_OneRowPerHistoryEntry_FormulaCellsNeutralised_Audited()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("=HYPERLINK(\"https://evil.example\",\"Click\")", today.AddDays(5)));
        await ActionTestData.WithServiceAsync(app, s => s.AddCommentAsync(id, "@SUM(1+1) chased", false, world.LeadActor, CancellationToken.None));
        await ActionTestData.InsertAsync(app, world, "Closed one", today.AddDays(-2), ActionStatus.Done);
        using var staff = await app.SignedInClientAsync(world.Lead);

        using var response = await staff.GetAsync(new Uri($"/actions/export?roundtable={world.Roundtable.Id}", UriKind.Relative));

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = SupplierCsv.Read(SupplierCsv.DecodeUtf8(await response.Content.ReadAsByteArrayAsync())!);
        Assert.Equal(ActionExportService.Headers, csv.Headers);
        var rows = csv.Records.Select(r => r.Fields).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"Click\")", r[1]));
        Assert.Equal(["Created", "Comment"], rows.Select(r => r[17]));
        Assert.Equal("'@SUM(1+1) chased", rows[1][20]);
        Assert.Equal("Test Staff", rows[1][16]);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Action.Exported" && e.Summary.Contains("1 action"))));

        using var all = await staff.GetAsync(new Uri($"/actions/export?roundtable={world.Roundtable.Id}&status=all", UriKind.Relative));
        var everything = Encoding.UTF8.GetString(await all.Content.ReadAsByteArrayAsync());
        Assert.Contains("Closed one", everything, StringComparison.Ordinal);
    }
}
