using static RoundtableManager.Tests.Reminders.ReminderTestData;

namespace RoundtableManager.Tests.Reminders;

/// <summary>The sweep, run as the Hangfire job runs it, against the real database with the clock moved by hand.</summary>
[Collection(SharedHosts.FreshReminders)]
public sealed class ReminderSweepTests(TestApp app) : IAsyncLifetime
{
    private readonly TestApp _app = app;

    public Task InitializeAsync() => _app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sweep_AtEachChaserTime_ChasesOnlyOrganisationsThatHaveNotReplied()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        var silent = await InviteAsync(_app, roundtable, "Silent Systems", people: 2);
        await InviteAsync(_app, roundtable, "Prompt Partners", response: InvitationResponse.Declined);
        var firstDue = NineAm(deadline, 7);

        _app.MoveTo(firstDue.AddMinutes(-1));
        Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), await _app.SweepAsync());

        _app.MoveTo(firstDue);
        Assert.Equal(new ReminderSweepResult(2, 0, 0, 0), await _app.SweepAsync());
        var chasers = await ChasersAsync(_app, roundtable.Id);
        Assert.Equal(silent.Recipients.Select(r => r.Email).Order(), chasers.Select(c => c.ToAddress).Order());
        Assert.All(chasers, c =>
        {
            Assert.Equal(OutboxStatus.Queued, c.Status);
            Assert.Equal(firstDue, c.NextAttemptUtc);
            Assert.Contains(InvitationTestData.Uk(deadline), c.TextBody, StringComparison.Ordinal);
            Assert.Contains("personal link in your invitation email", c.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("/invitation/", c.TextBody, StringComparison.Ordinal);
        });

        await SetAsync(_app, db => db.Invitations.Where(i => i.Id == silent.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Response, InvitationResponse.Declined)));
        _app.MoveTo(NineAm(deadline, 2));
        Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), await _app.SweepAsync());
        Assert.Equal(2, (await ChasersAsync(_app, roundtable.Id)).Count);
    }

    [Fact]
    public async Task Sweep_DeadlineMovedLater_OldChaserNeverSentNewOneSentAtItsTime()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        await InviteAsync(_app, roundtable, "Moving Target");
        var moved = deadline.AddDays(7);
        await SetAsync(_app, db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RsvpDeadlineUtc, moved)));

        _app.MoveTo(NineAm(deadline, 7));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAm(moved, 7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var chaser = Assert.Single(await ChasersAsync(_app, roundtable.Id));
        Assert.Equal(NineAm(moved, 7), chaser.NextAttemptUtc);
        Assert.EndsWith($":deadline:{moved.Ticks}", chaser.DedupeKey, StringComparison.Ordinal);
        Assert.Contains(InvitationTestData.Uk(moved), chaser.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_DeadlineMovedAfterFirstChaser_SendsTheSecondForTheNewDeadlineOnly()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        await InviteAsync(_app, roundtable, "Twice Chased");
        _app.MoveTo(NineAm(deadline, 7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var moved = deadline.AddDays(1);
        await SetAsync(_app, db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RsvpDeadlineUtc, moved)));
        _app.MoveTo(NineAm(deadline, 2));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAm(moved, 2));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var chasers = await ChasersAsync(_app, roundtable.Id);
        Assert.Equal([NineAm(deadline, 7), NineAm(moved, 2)], chasers.Select(c => c.NextAttemptUtc));
    }

    [Fact]
    public async Task Sweep_RoundtableCancelled_SendsNothingAndSchedulesNothing()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        await InviteAsync(_app, roundtable, "Never Chased", people: 2);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoundtableService>().CancelAsync(roundtable.Id, CancellationToken.None);
        }

        foreach (var days in new[] { 7, 2 })
        {
            _app.MoveTo(NineAm(deadline, days));
            Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), await _app.SweepAsync());
        }

        Assert.Empty(await ChasersAsync(_app, roundtable.Id));
        await using var read = _app.Services.CreateAsyncScope();
        Assert.Empty((await read.ServiceProvider.GetRequiredService<ReminderService>().OverviewAsync(roundtable.Id, CancellationToken.None)).Scheduled);
    }

    [Fact]
    public async Task Sweep_TwoAtOnceThenAgain_SendsEachChaserOnce()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        for (var i = 0; i < 4; i++)
        {
            await InviteAsync(_app, roundtable, $"Racer {i}", people: 2);
        }

        _app.MoveTo(NineAm(deadline, 7).AddMinutes(3));
        var results = await Task.WhenAll(_app.SweepAsync(), _app.SweepAsync());
        var again = await _app.SweepAsync();

        Assert.Equal(8, results.Sum(r => r.Sent));
        Assert.All(results, r => Assert.Equal(0, r.Failed));
        Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), again);
        var chasers = await ChasersAsync(_app, roundtable.Id);
        Assert.Equal(8, chasers.Count);
        Assert.Equal(8, chasers.Select(c => c.ToAddress).Distinct().Count());
        Assert.Equal(8, (await LogAsync(_app, roundtable.Id)).Count(l => l.Outcome == ReminderOutcome.Sent));
    }

    [Fact]
    public async Task Sweep_ChaserFallingOnSunday_GoesOnTheFridayBeforeAt9am()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Tuesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        await InviteAsync(_app, roundtable, "Weekend Works");
        _app.MoveTo(NineAm(deadline, 7));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        var friday = NineAm(deadline, 4);
        Assert.Equal(DayOfWeek.Friday, Core.Common.UkTime.ToUk(friday).DayOfWeek);
        _app.MoveTo(friday.AddMinutes(-1));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(friday);
        Assert.Equal(1, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAm(deadline, 2));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);

        var chasers = await ChasersAsync(_app, roundtable.Id);
        Assert.Equal(friday, chasers[1].NextAttemptUtc);
        Assert.StartsWith("rsvp-chaser:2d:", chasers[1].DedupeKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_FoundHoursLate_LogsMissedInsteadOfSending()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        await InviteAsync(_app, roundtable, "Downtime Dynamics", people: 2);

        _app.MoveTo(NineAm(deadline, 7).AddHours(6).AddMinutes(1));
        Assert.Equal(new ReminderSweepResult(0, 0, 2, 0), await _app.SweepAsync());
        Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), await _app.SweepAsync());
        Assert.Empty(await ChasersAsync(_app, roundtable.Id));
        var log = await LogAsync(_app, roundtable.Id);
        Assert.All(log, l =>
        {
            Assert.Equal(ReminderOutcome.Missed, l.Outcome);
            Assert.Equal(NineAm(deadline, 7), l.DueUtc);
        });

        _app.MoveTo(NineAm(deadline, 2).AddHours(5));
        Assert.Equal(2, (await _app.SweepAsync()).Sent);
    }

    [Fact]
    public async Task Sweep_KindSwitchedOff_SendsNothingAndOffsetsChangeTheTimes()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Thursday);
        var roundtable = await RoundtableAsync(_app, deadline);
        await InviteAsync(_app, roundtable, "Configurable");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderService>().UpdateSettingsAsync(roundtable.Id,
                [new ReminderSettingChange(RsvpChaserSource.Definition.Code, true, [3])], CancellationToken.None);
        }

        _app.MoveTo(NineAm(deadline, 7));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        _app.MoveTo(NineAm(deadline, 3));
        Assert.Equal(1, (await _app.SweepAsync()).Sent);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderService>().UpdateSettingsAsync(roundtable.Id,
                [new ReminderSettingChange(RsvpChaserSource.Definition.Code, false, [3, 1])], CancellationToken.None);
        }

        _app.MoveTo(NineAm(deadline, 1));
        Assert.Equal(0, (await _app.SweepAsync()).Sent);
        Assert.Single(await ChasersAsync(_app, roundtable.Id));
        var audit = await _app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "Reminders.SettingsChanged").OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync());
        Assert.Equal(
            [$"Reminder settings for roundtable {roundtable.Id}: RSVP chasers on, 3 days before the reply-by deadline", $"Reminder settings for roundtable {roundtable.Id}: RSVP chasers off"],
            audit);
    }

    [Fact]
    public async Task Sweep_RecipientInvitedAfterTheFirstChaserTime_GetsOnlyTheSecond()
    {
        var deadline = DeadlineOn(_app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(_app, deadline);
        _app.MoveTo(NineAm(deadline, 7).AddHours(1));
        await InviteAsync(_app, roundtable, "Late Invitee");

        Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), await _app.SweepAsync());
        _app.MoveTo(NineAm(deadline, 2));
        Assert.Equal(new ReminderSweepResult(1, 0, 0, 0), await _app.SweepAsync());
    }
}
