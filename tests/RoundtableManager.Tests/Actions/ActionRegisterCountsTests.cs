using System.Globalization;

namespace RoundtableManager.Tests.Actions;

/// <summary>
/// The whole register's figures come from the kept counts by status and due date (<see cref="ActionDueCounts"/>), not
/// from counting the actions: each must still equal a straight count over the rows, after every kind of change, on
/// either side of a UK midnight, and after the counts are folded.
/// </summary>
[Collection(SharedHosts.Fresh)]
public sealed class ActionRegisterCountsTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static int Count(AngleSharp.Dom.IDocument page, string name) =>
        int.Parse(page.QuerySelector($"[data-count={name}] .rtm-counts__number")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static (int Open, int Overdue, int Week, int Awaiting) Shown(AngleSharp.Dom.IDocument page) =>
        (Count(page, "open"), Count(page, "overdue"), Count(page, "week"), Count(page, "awaiting"));

    private static int Summary(AngleSharp.Dom.IDocument page) =>
        int.Parse(page.QuerySelector("#register-summary strong")!.TextContent.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>The four figures counted straight from FollowUpActions, with the register's own definitions.</summary>
    private Task<(int Open, int Overdue, int Week, int Awaiting)> CountedAsync()
    {
        var today = ActionTestData.Today(app);
        var weekEnds = ActionQueries.WeekEnds(today);
        return app.WithDbAsync(async db =>
        {
            var active = db.FollowUpActions.Where(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled);
            return (await active.CountAsync(), await active.CountAsync(a => a.DueDate < today),
                await active.CountAsync(a => a.DueDate >= today && a.DueDate <= weekEnds), await db.FollowUpActions.CountAsync(a => a.Status == ActionStatus.AwaitingConfirmation));
        });
    }

    [Fact]
    public async Task WholeRegister_EveryChange_FiguresEqualAStraightCount_AlsoAfterFolding()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        await ActionTestData.InsertAsync(app, world, "Late", today.AddDays(-2));
        await ActionTestData.InsertAsync(app, world, "Due today", today, ActionStatus.InProgress);
        await ActionTestData.InsertAsync(app, world, "Waiting", today.AddDays(30), ActionStatus.AwaitingConfirmation);
        await ActionTestData.InsertAsync(app, world, "Finished", today.AddDays(-5), ActionStatus.Done);
        var later = await ActionTestData.CreateAsync(app, world, world.StaffOwned("Later", today.AddDays(30)));
        using var staff = await app.SignedInClientAsync(world.Lead);

        var page = await staff.GetDocumentAsync("/actions");
        Assert.Equal((4, 1, 1, 1), Shown(page));
        Assert.Equal(await CountedAsync(), Shown(page));
        Assert.Equal(4, Summary(page));

        // Blocked is still open; moved to before today it is overdue; then done it leaves every figure.
        await ActionTestData.WithServiceAsync(app, s => s.ChangeStatusAsync(later, ActionStatus.Blocked, null, world.LeadActor, CancellationToken.None));
        var version = await app.WithDbAsync(db => db.FollowUpActions.Where(a => a.Id == later).Select(a => a.Version).SingleAsync());
        var moved = await ActionTestData.WithServiceAsync(app, s => s.UpdateAsync(later, version, world.StaffOwned("Later", today), world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Done, moved.Status);
        page = await staff.GetDocumentAsync("/actions");
        Assert.Equal((4, 1, 2, 1), Shown(page));
        Assert.Equal(await CountedAsync(), Shown(page));

        await ActionTestData.WithServiceAsync(app, s => s.ChangeStatusAsync(later, ActionStatus.Done, null, world.LeadActor, CancellationToken.None));
        page = await staff.GetDocumentAsync("/actions");
        Assert.Equal((3, 1, 1, 1), Shown(page));
        Assert.Equal(await CountedAsync(), Shown(page));
        Assert.Equal(2, (await staff.GetDocumentAsync("/actions?status=Done")).QuerySelectorAll("#actions tbody tr").Length);
        Assert.Equal(2, Summary(await staff.GetDocumentAsync("/actions?status=Done")));
        Assert.Equal(1, Summary(await staff.GetDocumentAsync("/actions?overdue=true")));
        Assert.Equal(5, Summary(await staff.GetDocumentAsync("/actions?status=all")));

        // The ten-minute job folds the rows to one per key; the page reads the same figures from fewer rows.
        var before = await app.WithDbAsync(db => db.ActionDueCounts.CountAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ActionDueCountsJob>().RunAsync(CancellationToken.None);
        }

        var after = await app.WithDbAsync(db => db.ActionDueCounts.CountAsync());
        var keys = await app.WithDbAsync(db => db.FollowUpActions.Select(a => new { a.Status, a.DueDate }).Distinct().CountAsync());
        Assert.True(after < before, $"{before} rows before folding, {after} after");
        Assert.Equal(keys, after);
        page = await staff.GetDocumentAsync("/actions");
        Assert.Equal((3, 1, 1, 1), Shown(page));
        Assert.Equal(await CountedAsync(), Shown(page));
    }

    [Fact]
    public async Task WholeRegister_UkMidnight_OverdueAndThisWeekFollowTheLondonDate()
    {
        // Sunday 6 June 2027, 23:30 UTC: already Monday 7 June in London (BST), the first day of a new UK week.
        app.Clock.AdjustTime(new DateTimeOffset(2027, 6, 6, 23, 30, 0, TimeSpan.Zero));
        var world = await ActionTestData.CreateWorldAsync(app);
        Assert.Equal(new DateOnly(2027, 6, 7), ActionTestData.Today(app));
        await ActionTestData.InsertAsync(app, world, "Due Sunday", new DateOnly(2027, 6, 6));
        await ActionTestData.InsertAsync(app, world, "Due Monday", new DateOnly(2027, 6, 7));
        await ActionTestData.InsertAsync(app, world, "Due next Sunday", new DateOnly(2027, 6, 13));
        await ActionTestData.InsertAsync(app, world, "Due next Monday", new DateOnly(2027, 6, 14));
        using (var staff = await app.SignedInClientAsync(world.Lead))
        {
            // By the UTC date (still Sunday) the Sunday action would be due today and the week would end that night.
            var page = await staff.GetDocumentAsync("/actions");
            Assert.Equal((4, 1, 2, 0), Shown(page));
            Assert.Equal(await CountedAsync(), Shown(page));
            Assert.Equal(["Due Sunday"], (await staff.GetDocumentAsync("/actions?overdue=true")).QuerySelectorAll("#actions tbody tr a").Select(a => a.TextContent.Trim()));
        }

        // A week later, Monday 14 June 00:30 in London: three overdue, and the week is the next one.
        app.Clock.Advance(TimeSpan.FromDays(7));
        using (var staff = await app.SignedInClientAsync(world.Lead))
        {
            var page = await staff.GetDocumentAsync("/actions");
            Assert.Equal((4, 3, 1, 0), Shown(page));
            Assert.Equal(await CountedAsync(), Shown(page));
            Assert.Equal(["Due next Monday"], (await staff.GetDocumentAsync("/actions?week=true")).QuerySelectorAll("#actions tbody tr a").Select(a => a.TextContent.Trim()));
        }
    }

    [Fact]
    public async Task Recount_AfterRowsWrittenWithoutTheApp_FiguresEqualAStraightCount()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        await ActionTestData.InsertAsync(app, world, "Late", today.AddDays(-1));
        // A bulk load (as a restore or the benchmark writes) bypasses the change tracker, then recounts.
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE FollowUpActions SET Status = {(int)ActionStatus.AwaitingConfirmation}"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ActionDueCounts>().RecountAsync(CancellationToken.None);
        }

        using var staff = await app.SignedInClientAsync(world.Lead);
        var page = await staff.GetDocumentAsync("/actions");
        Assert.Equal((1, 1, 0, 1), Shown(page));
        Assert.Equal(await CountedAsync(), Shown(page));
    }
}
