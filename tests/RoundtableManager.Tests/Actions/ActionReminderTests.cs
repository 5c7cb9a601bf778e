using System.Globalization;
using static RoundtableManager.Tests.Reminders.ReminderTestData;

namespace RoundtableManager.Tests.Actions;

/// <summary>Reminders about follow-up actions, with the sweep run as the Hangfire job runs it and the clock moved by hand.</summary>
[Collection(SharedHosts.FreshReminders)]
public sealed class ActionReminderTests(TestApp app) : IAsyncLifetime
{
    private readonly TestApp _app = app;

    public Task InitializeAsync() => _app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A Wednesday due date with working days for a fortnight before it and a week after (so the overdue Thursday and the digest Monday are too).</summary>
    private DateOnly DueWednesday(int daysAhead = 20)
    {
        while (true)
        {
            var date = DateOnly.FromDateTime(UkTime.ToUk(DeadlineOn(_app, DayOfWeek.Wednesday, daysAhead)));
            if (Enumerable.Range(1, 7).All(d => date.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || RemindersOptions.IsWorkingDay(date.AddDays(d))))
            {
                return date;
            }

            daysAhead = date.DayNumber - ActionTestData.Today(_app).DayNumber + 1;
        }
    }

    /// <summary>9:00 UK time <paramref name="days"/> calendar days from <paramref name="date"/> (negative: before).</summary>
    private static DateTime NineAmOn(DateOnly date, int days = 0) => UkTime.ToUtc(date.AddDays(days).ToDateTime(new TimeOnly(9, 0)));

    private Task<List<OutboxMessage>> EmailsAsync(string kind) =>
        _app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync());

    private static string Uk(DateOnly date) => UkTime.FormatDayDate(ActionOwnerReminderSource.AnchorOf(date));

    [Fact]
    public async Task Sweep_SupplierOwnedAction_RemindsNamedContactSevenDaysAndOneDayBeforeOnce()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var first = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Publish the patching policy", due));
        var second = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Share the incident timeline", due));

        _app.MoveTo(NineAmOn(due, -7).AddMinutes(-1));
        await _app.SweepAsync();
        Assert.Empty(await EmailsAsync(ActionDueSource.Definition.Code));

        _app.MoveTo(NineAmOn(due, -7));
        Assert.Equal(2, (await _app.SweepAsync()).Sent);
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        var week = await EmailsAsync(ActionDueSource.Definition.Code);
        Assert.Equal(2, week.Count);
        Assert.All(week, m =>
        {
            Assert.Equal(world.Contacts[0].Email, m.ToAddress);
            Assert.Equal(world.Roundtable.Id, m.RoundtableId);
            Assert.StartsWith("Action due in 7 days: ", m.Subject, StringComparison.Ordinal);
            Assert.Contains(Uk(due), m.TextBody, StringComparison.Ordinal);
        });
        Assert.Contains($"/portal/actions/{first}", week[0].TextBody, StringComparison.Ordinal);
        Assert.Contains($"/portal/actions/{second}", week[1].TextBody, StringComparison.Ordinal);

        _app.MoveTo(NineAmOn(due, -1));
        Assert.Equal(2, (await _app.SweepAsync()).Sent);
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        var tomorrow = (await EmailsAsync(ActionDueSource.Definition.Code)).Skip(2).ToList();
        Assert.Equal(2, tomorrow.Count);
        Assert.All(tomorrow, m => Assert.StartsWith("Action due tomorrow: ", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_StaffOwnedAction_RemindsTheStaffOwnerWithTheStaffLink()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var owner = await _app.CreateUserAsync(Roles.Staff);
        var due = DueWednesday();
        var id = await ActionTestData.CreateAsync(_app, world, world.StaffOwned("Write up the decisions", due, owner.Id));

        _app.MoveTo(NineAmOn(due, -7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAmOn(due, -1));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var emails = await EmailsAsync(ActionDueSource.Definition.Code);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, m =>
        {
            Assert.Equal(owner.Email, m.ToAddress);
            Assert.Contains($"/actions/{id}", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("/portal/", m.TextBody, StringComparison.Ordinal);
        });
        Assert.Equal(NineAmOn(due, -1), emails[1].NextAttemptUtc);
    }

    [Theory]
    [InlineData(ActionStatus.Done)]
    [InlineData(ActionStatus.Cancelled)]
    public async Task Sweep_ActionClosed_SendsNothingMore(ActionStatus closed)
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var id = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Rotate the shared keys", due));
        _app.MoveTo(NineAmOn(due, -7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var result = await ActionTestData.WithServiceAsync(_app, s => s.ChangeStatusAsync(id, closed, "Settled at the meeting", world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Done, result.Status);
        foreach (var at in new[] { NineAmOn(due, -1), NineAmOn(due, 1), NineAmOn(due, 5) })
        {
            _app.MoveTo(at);
            Assert.Equal(0, (await _app.SweepAsync()).Sent);
        }

        Assert.Single(await _app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind.StartsWith("Action")).ToListAsync()));
    }

    [Fact]
    public async Task Recheck_ActionDoneAfterItWasFound_SaysWhyItIsSkipped()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var id = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Confirm the contract change", due));
        await using var scope = _app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IReminderSource>().OfType<ActionDueSource>().Single();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var candidate = Assert.Single(await source.FindAsync(ReminderQuery.DueNow(source.Kind, now), CancellationToken.None));
        Assert.Null(await source.RecheckAsync(candidate, now, CancellationToken.None));

        await ActionTestData.WithServiceAsync(_app, s => s.ChangeStatusAsync(id, ActionStatus.Done, null, world.LeadActor, CancellationToken.None));

        Assert.Equal("The action was done", await source.RecheckAsync(candidate, now, CancellationToken.None));
    }

    [Fact]
    public async Task Sweep_DueDateMoved_SendsForTheNewDateAndNeverTheOld()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var moved = due.AddDays(7);
        var id = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Test the restore", due));
        var version = await _app.WithDbAsync(db => db.FollowUpActions.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        var update = await ActionTestData.WithServiceAsync(_app, s => s.UpdateAsync(id, version, world.OrganisationOwned("Test the restore", moved), world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Done, update.Status);

        _app.MoveTo(NineAmOn(due, -7));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAmOn(due, -1));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAmOn(moved, -7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var email = Assert.Single(await EmailsAsync(ActionDueSource.Definition.Code));
        Assert.Equal(NineAmOn(moved, -7), email.NextAttemptUtc);
        Assert.EndsWith($":due:{ActionOwnerReminderSource.AnchorOf(moved).Ticks}", email.DedupeKey, StringComparison.Ordinal);
        Assert.Contains(Uk(moved), email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_ActionNotDoneByItsDueDate_SendsOverdueToTheOwnerOnceOnTheNextWorkingDay()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var id = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Close the firewall rule", due));

        _app.MoveTo(NineAmOn(due, 1).AddMinutes(-1));
        await _app.SweepAsync();
        Assert.Empty(await EmailsAsync(ActionOverdueSource.Definition.Code));

        _app.MoveTo(NineAmOn(due, 1));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAmOn(due, 2));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);

        var email = Assert.Single(await EmailsAsync(ActionOverdueSource.Definition.Code));
        Assert.Equal(world.Contacts[0].Email, email.ToAddress);
        Assert.StartsWith("Action overdue: Close the firewall rule", email.Subject, StringComparison.Ordinal);
        Assert.Contains(Uk(due), email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/portal/actions/{id}", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_Monday_SendsTheStaffLeadOneSummaryOfOverdueActionsOnly()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var overdue = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Overdue by Monday", due));
        await ActionTestData.CreateAsync(_app, world, world.StaffOwned("Due next month", due.AddDays(30)));
        var monday = due.AddDays(5);

        _app.MoveTo(NineAmOn(monday));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);
        Assert.Equal(0, (await _app.SweepAsync()).Sent);

        var digest = Assert.Single(await EmailsAsync(ActionDigestSource.Definition.Code));
        Assert.Equal(world.Lead.Email, digest.ToAddress);
        Assert.Equal(NineAmOn(monday), digest.NextAttemptUtc);
        Assert.Contains("Overdue by Monday", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("5 days overdue", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Due next month", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(world.Organisation.Name, digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/actions/{overdue}", digest.TextBody, StringComparison.Ordinal);
        Assert.EndsWith(world.Roundtable.Title, digest.Subject, StringComparison.Ordinal);

        _app.MoveTo(NineAmOn(monday, 7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);
        Assert.Equal(2, (await EmailsAsync(ActionDigestSource.Definition.Code)).Count);
    }

    [Fact]
    public async Task Sweep_MondayWithNothingOverdue_SendsNoSummary()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        var done = await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Done in time", due));
        await ActionTestData.CreateAsync(_app, world, world.StaffOwned("Due next month", due.AddDays(30)));
        await ActionTestData.WithServiceAsync(_app, s => s.ChangeStatusAsync(done, ActionStatus.Done, null, world.LeadActor, CancellationToken.None));

        _app.MoveTo(NineAmOn(due, 5));
        await _app.SweepAsync();

        Assert.Empty(await EmailsAsync(ActionDigestSource.Definition.Code));
        Assert.DoesNotContain(await LogAsync(_app, world.Roundtable.Id), l => l.Kind == ActionDigestSource.Definition.Code);
    }

    [Fact]
    public async Task Overview_ActionsRoundtable_ShowsActionRemindersInScheduleAndHistory()
    {
        var world = await ActionTestData.CreateWorldAsync(_app);
        var due = DueWednesday();
        await ActionTestData.CreateAsync(_app, world, world.OrganisationOwned("Seen by organisers", due));
        _app.MoveTo(NineAmOn(due, -7));
        await _app.SweepAsync();

        await using var scope = _app.Services.CreateAsyncScope();
        var overview = await scope.ServiceProvider.GetRequiredService<ReminderService>().OverviewAsync(world.Roundtable.Id, CancellationToken.None);

        Assert.Contains(overview.Settings, s => s.Kind == ActionOverdueSource.Definition && s.Setting.Enabled);
        Assert.Contains(overview.Scheduled, s => s.Kind == ActionDueSource.Definition && s.OffsetDays == 1 && s.DueUtc == NineAmOn(due, -1));
        Assert.Contains(overview.Scheduled, s => s.Kind == ActionOverdueSource.Definition && s.DueUtc == NineAmOn(due, 1));
        Assert.Contains(overview.History, h => h.KindName == ActionDueSource.Definition.Name && h.Outcome == ReminderOutcome.Sent && h.Targets.Contains("Seen by organisers"));
    }

    [Theory]
    [InlineData("2027-02-10T00:00:00Z", 1, "2027-02-11T09:00:00Z")] // Wednesday -> Thursday 9am GMT
    [InlineData("2027-02-12T00:00:00Z", 1, "2027-02-15T09:00:00Z")] // Friday -> over the weekend to Monday
    [InlineData("2027-03-25T00:00:00Z", 1, "2027-03-30T08:00:00Z")] // Good Friday, the weekend and Easter Monday -> Tuesday 9am BST
    [InlineData("2027-12-24T00:00:00Z", 1, "2027-12-29T09:00:00Z")] // Christmas on a Saturday: substitute Monday and Tuesday -> Wednesday
    public void DueAfterUtc_MovesForwardToTheNextWorkingDay(string anchor, int days, string expected)
    {
        var parse = (string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(parse(expected), new RemindersOptions().DueAfterUtc(parse(anchor), days));
    }
}
