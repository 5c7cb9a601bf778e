using System.Globalization;
using AngleSharp.Dom;

namespace RoundtableManager.Tests.Engagement;

/// <summary>
/// The programme report's replies come from summaries kept per UK calendar month, and per roundtable for the days of a
/// month the period cuts (issue #22 item 3): whatever the period, the figures are those of a straight count of the
/// invitations, across the clock changes and after the things they count change.
/// </summary>
[Collection(SharedHosts.FreshReports)]
public sealed class ProgrammeReportMonthsTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private readonly ReportTestData _data = new(app);

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Replies_PeriodsCutMidMonthAndAcrossClockChanges_EqualAStraightCount()
    {
        var msp = await app.CreateOrganisationAsync(TestNames.Unique("Afon Managed"));
        var si = await app.CreateOrganisationAsync(TestNames.Unique("Bryn Integration"), OrganisationType.SystemsIntegrator);
        var other = await app.CreateOrganisationAsync(TestNames.Unique("Cwm Hosting"));
        DateTime[] starts =
        [
            Utc(2022, 1, 1, 0, 30), Utc(2022, 1, 15, 10, 0),
            // 23:30 on 31 January in GMT is still January in the UK; 23:30 UTC on 31 March is 00:30 on 1 April in BST.
            Utc(2022, 1, 31, 23, 30), Utc(2022, 2, 10, 9, 0), Utc(2022, 2, 28, 12, 0), Utc(2022, 3, 15, 14, 0),
            Utc(2022, 3, 31, 23, 30), Utc(2022, 4, 20, 9, 0), Utc(2022, 4, 30, 22, 30),
            // The clocks go back on 30 October 2022: 23:30 UTC on 31 October is October in GMT, 23:30 UTC on 30 September is 1 October in BST.
            Utc(2022, 9, 30, 23, 30), Utc(2022, 10, 30, 0, 30), Utc(2022, 10, 31, 23, 30), Utc(2022, 11, 1, 0, 30),
        ];
        double[] replyDays = [0.25, 1.33, 2.0, 5.55, 0.04, 7.96, 3.5];
        for (var r = 0; r < starts.Length; r++)
        {
            var roundtable = await _data.RoundtableAsync(starts[r]);
            await _data.InviteAsync(roundtable, msp, InvitationResponse.Accepted, replyDays[r % replyDays.Length], delegates: 1, checkedIn: r % 2);
            await _data.InviteAsync(roundtable, si, r % 3 == 0 ? InvitationResponse.None : InvitationResponse.Declined, replyDays[(r + 3) % replyDays.Length]);
            if (r % 2 == 0)
            {
                await _data.InviteAsync(roundtable, other, InvitationResponse.Accepted, replyDays[(r + 5) % replyDays.Length], delegates: 2, checkedIn: 1);
            }
        }

        // A cancelled roundtable inside a whole month counts nowhere.
        await _data.InviteAsync(await _data.RoundtableAsync(Utc(2022, 2, 14, 9, 0), RoundtableStatus.Cancelled), msp, InvitationResponse.Accepted, 1, 1, 1);

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        (DateOnly, DateOnly)[] periods =
        [
            (new(2022, 1, 1), new(2022, 4, 30)), (new(2022, 1, 15), new(2022, 4, 20)), (new(2022, 1, 31), new(2022, 3, 31)),
            (new(2022, 4, 1), new(2022, 4, 1)), (new(2022, 2, 1), new(2022, 2, 28)), (new(2022, 3, 16), new(2022, 4, 30)),
            (new(2022, 2, 15), new(2022, 3, 14)), (new(2022, 4, 1), new(2022, 4, 30)), (new(2022, 3, 1), new(2022, 3, 31)),
            (new(2022, 10, 1), new(2022, 10, 31)), (new(2022, 9, 30), new(2022, 10, 30)), (new(2022, 10, 31), new(2022, 11, 30)),
            (new(2021, 12, 2), new(2022, 12, 1)),
        ];
        foreach (var (from, to) in periods)
        {
            await AssertStraightAsync(client, from, to);
        }

        // Whole months were read from month rows, keyed by the UK month: April holds 23:30 UTC on 31 March, October the
        // first of October in BST and the 31st in GMT.
        var months = await app.WithDbAsync(db => db.ReplyMonthSummaries.Where(m => m.GroupKind == ReplyGroupKind.Type)
            .GroupBy(m => m.Month).Select(g => new { g.Key, Invited = g.Sum(m => m.Invited) }).ToDictionaryAsync(g => g.Key, g => g.Invited));
        Assert.Equal(new Dictionary<int, int> { [202201] = 8, [202202] = 5, [202203] = 2, [202204] = 8, [202210] = 7, [202211] = 3 }, months);
    }

    [Fact]
    public async Task Replies_AfterAnAnswerChangesAndRoundtablesMoveOrAreCancelled_EqualAStraightCount()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(UkTime.ToUk(now));
        var (from, to) = (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(4).AddDays(-1));
        var soon = await _data.RoundtableAsync(now.AddDays(20), RoundtableStatus.OpenForResponses);
        var later = await _data.RoundtableAsync(now.AddDays(50), RoundtableStatus.OpenForResponses);
        var a = await app.CreateOrganisationAsync(TestNames.Unique("Derwen Managed"));
        var b = await app.CreateOrganisationAsync(TestNames.Unique("Eryri Cloud"), OrganisationType.SystemsIntegrator);
        var first = await _data.InviteAsync(soon, a, InvitationResponse.Accepted, replyAfterDays: 2, delegates: 1);
        var second = await _data.InviteAsync(soon, b);
        await _data.InviteAsync(later, a, InvitationResponse.Declined, replyAfterDays: 4);
        await _data.InviteAsync(later, b, InvitationResponse.Accepted, replyAfterDays: 9, delegates: 1);
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        async Task Run<T>(Func<T, Task<CommandResult>> change) where T : notnull
        {
            await using var scope = app.Services.CreateAsyncScope();
            Assert.True((await change(scope.ServiceProvider.GetRequiredService<T>())).Succeeded);
        }

        async Task Move(Roundtable roundtable, int days) => await app.WithDbAsync(async db =>
        {
            var tracked = await db.Roundtables.SingleAsync(r => r.Id == roundtable.Id);
            tracked.StartsUtc = tracked.StartsUtc.AddDays(days);
            tracked.EndsUtc = tracked.EndsUtc.AddDays(days);
            await db.SaveChangesAsync();
        });

        await AssertStraightAsync(client, from, to);

        // The first answer, then a change of mind (the first answer's time stays the reply time).
        var responder = new Responder(null, "Eryri", null, false);
        await Run<RsvpService>(async s => await s.AnswerAsync(second.Id, b.Id, new RsvpAnswer(InvitationResponse.Accepted, null, [new DelegateInput(null, "Non Evans", "non.evans@eryri.example", null, null, null)]), responder, CancellationToken.None));
        await AssertStraightAsync(client, from, to);
        await Run<RsvpService>(async s => await s.AnswerAsync(second.Id, b.Id, new RsvpAnswer(InvitationResponse.Declined, "Diary clash", []), responder, CancellationToken.None));
        await AssertStraightAsync(client, from, to);

        // Moved into the next month and back out of the period, then cancelled.
        await Move(later, 31);
        await AssertStraightAsync(client, from, to);
        await Move(later, 120);
        await AssertStraightAsync(client, from, to);
        await Run<RoundtableService>(async s => await s.CancelAsync(soon.Id, CancellationToken.None));
        await AssertStraightAsync(client, from, to);
        var shown = await RowAsync(client, from, to);
        Assert.Equal(["0", "0", "0", "0"], shown.Take(4));
    }

    [Fact]
    public async Task Actions_PeriodsCutMidMonthAcrossClockChanges_AndAfterChanges_EqualAStraightCount()
    {
        var a = await app.CreateOrganisationAsync(TestNames.Unique("Ffion Secure"));
        var b = await app.CreateOrganisationAsync(TestNames.Unique("Glyn Systems"));
        var roundtable = await _data.RoundtableAsync(Utc(2022, 1, 10, 9, 0));
        // 23:30 UTC on 31 March is April in BST, on 30 September October; on 31 October (GMT) it is still October.
        DateTime[] opened =
        [
            Utc(2022, 1, 1, 0, 30), Utc(2022, 1, 31, 23, 30), Utc(2022, 3, 31, 23, 30), Utc(2022, 3, 31, 22, 30), Utc(2022, 4, 15, 9, 0),
            Utc(2022, 9, 30, 23, 30), Utc(2022, 10, 30, 0, 30), Utc(2022, 10, 31, 23, 30), Utc(2022, 11, 1, 0, 30),
        ];
        ActionStatus[] statuses = [ActionStatus.Open, ActionStatus.Done, ActionStatus.InProgress, ActionStatus.Cancelled, ActionStatus.Blocked, ActionStatus.AwaitingConfirmation];
        var actions = new List<FollowUpAction>();
        for (var i = 0; i < opened.Length; i++)
        {
            var status = statuses[i % statuses.Length];
            // Half due long ago (overdue unless done or cancelled), half due in years to come.
            var due = i % 2 == 0 ? DateOnly.FromDateTime(opened[i]).AddDays(20) : new DateOnly(2099, 1, 1);
            actions.Add(await _data.ActionAsync(roundtable, (i % 3) switch { 0 => null, 1 => a, _ => b }, opened[i], due, status,
                closedAfterDays: status is ActionStatus.Done or ActionStatus.Cancelled ? 1.5 + i : null, category: i % 2 == 0 ? AgendaCategory.Contracting : null));
        }

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        (DateOnly, DateOnly)[] periods =
        [
            (new(2022, 1, 1), new(2022, 12, 31)), (new(2022, 1, 15), new(2022, 4, 20)), (new(2022, 1, 31), new(2022, 3, 31)),
            (new(2022, 4, 1), new(2022, 4, 1)), (new(2022, 4, 1), new(2022, 4, 30)), (new(2022, 10, 1), new(2022, 10, 31)),
            (new(2022, 9, 30), new(2022, 10, 30)), (new(2022, 10, 31), new(2022, 11, 30)), (new(2021, 12, 2), new(2022, 12, 1)),
        ];
        async Task AssertAllAsync()
        {
            foreach (var (from, to) in periods)
            {
                await AssertActionsStraightAsync(client, from, to, a, b);
            }
        }

        await AssertAllAsync();

        // Done, reopened to another owner and due date, given an agenda item, and deleted: each a SaveChanges of its own.
        async Task Change(FollowUpAction action, Action<FollowUpAction, AppDbContext> change) => await app.WithDbAsync(async db =>
        {
            var tracked = await db.FollowUpActions.SingleAsync(x => x.Id == action.Id);
            change(tracked, db);
            await db.SaveChangesAsync();
        });
        await Change(actions[0], (x, _) => (x.Status, x.ClosedUtc) = (ActionStatus.Done, x.CreatedUtc.AddDays(3)));
        await Change(actions[1], (x, _) => (x.Status, x.ClosedUtc, x.OwnerKind, x.OwnerOrganisationId, x.OwnerUserId, x.DueDate) =
            (ActionStatus.Open, null, ActionOwnerKind.Organisation, b.Id, null, new DateOnly(2022, 2, 1)));
        await Change(actions[3], (x, _) => x.AgendaItemId = actions[2].AgendaItemId);
        await Change(actions[6], (x, db) => db.FollowUpActions.Remove(x));
        await AssertAllAsync();

        // An agenda item's category is read with the counts: a change shows at once.
        await app.WithDbAsync(async db =>
        {
            var item = await db.AgendaItems.SingleAsync(x => x.Id == actions[4].AgendaItemId);
            item.Category = AgendaCategory.ThreatBriefing;
            await db.SaveChangesAsync();
        });
        await AssertAllAsync();

        // The job folds the kept rows into one per key (a key whose actions all left goes); the figures stay.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ActionMonthCounts>().FoldAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(0, await app.WithDbAsync(db => db.ActionMonthCounts.Select(c => c.Count).ToListAsync()));
        await AssertAllAsync();
    }

    [Fact]
    public async Task Actions_SavedInOneSaveChangesWithANewAgendaItemOrOwner_RefusedAndNothingSaved()
    {
        // The kept counts are keyed by the agenda item's and the owner's ids, which a new one has only once inserted: such a
        // save is refused whole (no code saves them together; each is saved first), so no count can keep a temporary key.
        var roundtable = await _data.RoundtableAsync(Utc(2022, 5, 10, 9, 0));
        var lead = await app.CreateUserAsync(Roles.Staff);
        var counts = await app.WithDbAsync(db => db.ActionMonthCounts.CountAsync());
        var title = TestNames.Unique("Follow up");
        FollowUpAction Action() => new()
        {
            RoundtableId = roundtable.Id, Title = title, OwnerKind = ActionOwnerKind.Staff, OwnerUserId = lead.Id, StaffLeadUserId = lead.Id,
            DueDate = new DateOnly(2022, 6, 1), CreatedUtc = Utc(2022, 5, 11, 9, 0), UpdatedUtc = Utc(2022, 5, 11, 9, 0),
        };
        var withItem = Action();
        withItem.AgendaItem = new AgendaItem { RoundtableId = roundtable.Id, Title = title, Category = AgendaCategory.Contracting, Kind = AgendaItemKind.Item, DurationMinutes = 30 };
        var withOwner = Action();
        (withOwner.OwnerKind, withOwner.OwnerUserId) = (ActionOwnerKind.Organisation, null);
        withOwner.OwnerOrganisation = new Organisation { Name = title, NormalisedName = Organisation.Normalise(title) };

        foreach (var (action, key) in new[] { (withItem, "AgendaItemId"), (withOwner, "OwnerOrganisationId") })
        {
            var refused = await app.WithDbAsync(async db =>
            {
                db.FollowUpActions.Add(action);
                return await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            });
            Assert.Equal($"Save the {key} an action points at before the action.", refused.Message);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.FollowUpActions.CountAsync(a => a.Title == title)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AgendaItems.CountAsync(i => i.Title == title)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.Name == title)));
        Assert.Equal(counts, await app.WithDbAsync(db => db.ActionMonthCounts.CountAsync()));
    }

    /// <summary>The report's actions rows (all, each category, staff and each owner: opened, done, overdue and the median days to close), against the actions counted one by one.</summary>
    private async Task AssertActionsStraightAsync(HttpClient client, DateOnly from, DateOnly to, params Organisation[] owners)
    {
        var (fromUtc, endUtc) = (UkTime.ToUtc(from.ToDateTime(TimeOnly.MinValue)), UkTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var today = DateOnly.FromDateTime(UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime));
        var actions = await app.WithDbAsync(db => db.FollowUpActions.AsNoTracking()
            .Where(x => x.CreatedUtc >= fromUtc && x.CreatedUtc < endUtc)
            .Select(x => new { x.Status, x.DueDate, x.OwnerOrganisationId, x.CreatedUtc, x.ClosedUtc, Category = x.AgendaItem == null ? (AgendaCategory?)null : x.AgendaItem.Category })
            .ToListAsync());
        var page = await client.GetDocumentAsync(Query(from, to));
        var groups = new[] { ("actions-by-category", "All follow-up actions", actions) }
            .Concat(AgendaNames.Categories.Select(c => ("actions-by-category", c.DisplayName(), actions.Where(x => x.Category == c).ToList())))
            .Append(("actions-by-category", ProgrammeReportQueries.NoAgendaItem, actions.Where(x => x.Category == null).ToList()))
            .Append(("actions-by-owner", ProgrammeReportQueries.OwnedByStaff, actions.Where(x => x.OwnerOrganisationId == null).ToList()))
            .Concat(owners.Select(o => ("actions-by-owner", o.Name, actions.Where(x => x.OwnerOrganisationId == o.Id).ToList())));
        foreach (var (table, group, counted) in groups)
        {
            var days = counted.Where(x => x.Status == ActionStatus.Done && x.ClosedUtc != null).Select(x => (x.ClosedUtc!.Value - x.CreatedUtc).TotalDays).Order().ToList();
            string[] expected =
            [
                $"{counted.Count}", $"{counted.Count(x => x.Status == ActionStatus.Done)}",
                $"{counted.Count(x => x.Status is not (ActionStatus.Done or ActionStatus.Cancelled) && x.DueDate < today)}",
                days.Count == 0 ? "None done" : ((days[(days.Count - 1) / 2] + days[days.Count / 2]) / 2).ToString("0.0", CultureInfo.InvariantCulture),
            ];
            var row = page.QuerySelectorAll($"#{table} tbody tr").SingleOrDefault(r => r.Children[0].TextContent.Trim() == group);
            // An owner with no action in the period has no row.
            string[] shown = row is null ? ["0", "0", "0", "None done"] : [.. row.Children.Skip(1).Take(4).Select(c => c.TextContent.Trim())];
            Assert.True(expected.SequenceEqual(shown), $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {group}: expected {string.Join(' ', expected)}, shown {string.Join(' ', shown)}");
        }
    }

    private static string Query(DateOnly from, DateOnly to) => string.Create(CultureInfo.InvariantCulture,
        $"/reports?From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}&To.Day={to.Day}&To.Month={to.Month}&To.Year={to.Year}");

    private static async Task<List<string>> RowAsync(HttpClient client, DateOnly from, DateOnly to, string group = ProgrammeReportQueries.AllOrganisations)
    {
        var page = await client.GetDocumentAsync(Query(from, to));
        IElement row = page.QuerySelectorAll("#by-type tbody tr").Single(r => r.Children[0].TextContent.Trim() == group);
        return [.. row.Children.Skip(1).Select(c => c.TextContent.Trim())];
    }

    /// <summary>The report's row for all organisations and for each type, against the invitations counted one by one.</summary>
    private async Task AssertStraightAsync(HttpClient client, DateOnly from, DateOnly to)
    {
        var (fromUtc, endUtc) = (UkTime.ToUtc(from.ToDateTime(TimeOnly.MinValue)), UkTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var invitations = await app.WithDbAsync(db => db.Invitations.AsNoTracking()
            .Where(i => i.RevokedUtc == null && i.Roundtable.Status != RoundtableStatus.Cancelled && i.Roundtable.StartsUtc >= fromUtc && i.Roundtable.StartsUtc < endUtc)
            .Select(i => new { i.Organisation.Type, i.Response, i.CreatedUtc, i.RespondedUtc, First = i.FirstRespondedUtc ?? i.RespondedUtc, Attended = i.Delegates.Any(d => d.AttendedUtc != null) })
            .ToListAsync());
        foreach (var (group, type) in new[] { (ProgrammeReportQueries.AllOrganisations, (OrganisationType?)null) }
            .Concat(Enum.GetValues<OrganisationType>().Select(t => (t.DisplayName(), (OrganisationType?)t))))
        {
            var counted = invitations.Where(i => type is null || i.Type == type).ToList();
            var tenths = counted.Where(i => i.Response != InvitationResponse.None && i.RespondedUtc != null && i.First != null)
                .Select(i => (int)Math.Round((i.First!.Value - i.CreatedUtc).TotalDays * 10, MidpointRounding.AwayFromZero))
                .Order().ToList();
            var median = tenths.Count == 0 ? "No replies"
                : ((tenths[(tenths.Count - 1) / 2] + tenths[tenths.Count / 2]) / 20.0).ToString("0.0", CultureInfo.InvariantCulture);
            string[] expected =
            [
                $"{counted.Count}", $"{counted.Count(i => i.Response != InvitationResponse.None)}",
                $"{counted.Count(i => i.Response == InvitationResponse.Accepted)}", $"{counted.Count(i => i.Attended)}",
            ];
            var shown = await RowAsync(client, from, to, group);
            Assert.True(expected.SequenceEqual(shown.Take(4)) && shown[5] == median,
                $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {group}: expected {string.Join(' ', expected)} {median}, shown {string.Join(' ', shown)}");
        }
    }
}
