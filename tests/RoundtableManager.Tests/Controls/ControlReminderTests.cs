using Microsoft.Extensions.Options;
using static RoundtableManager.Tests.Reminders.ReminderTestData;

namespace RoundtableManager.Tests.Controls;

/// <summary>Reminders about security controls (issue #20, item 5), through the reminder engine, with the clock moved by hand.</summary>
[Collection(SharedHosts.FreshReminders)]
public sealed class ControlReminderTests(TestApp app) : IAsyncLifetime
{
    private readonly TestApp _app = app;

    public Task InitializeAsync() => _app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<OutboxMessage>> EmailsAsync(string kind) =>
        _app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync());

    private static DateTime NineAmOn(DateOnly date, int days = 0) => UkTime.ToUtc(date.AddDays(days).ToDateTime(new TimeOnly(9, 0)));

    /// <summary>A target date whose day 14 days before and the day after are working days.</summary>
    private DateOnly Target()
    {
        var date = ActionTestData.Today(_app).AddDays(30);
        while (!RemindersOptions.IsWorkingDay(date.AddDays(-14)) || !RemindersOptions.IsWorkingDay(date.AddDays(1)) || !RemindersOptions.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<IReadOnlyDictionary<string, int>> AdoptAsync(ActionWorld world, int setId)
    {
        var result = await WithAsync<ControlAdoptionService, CommandResult<AdoptionOutcome>>(s => s.AdoptAsync(setId, new AdoptionTarget(OrganisationIds: [world.Organisation.Id]), new ControlActor(world.Lead.Id, "Test Organiser"), CancellationToken.None));
        Assert.Equal(CommandStatus.Done, result.Status);
        return await ControlsTestData.AnswersAsync(_app, world.Organisation.Id);
    }

    private async Task AnswerAsync(ActionWorld world, int answerId, ControlStatus status, DateOnly? target)
    {
        var version = await _app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == answerId).Select(a => a.Version).SingleAsync());
        var result = await WithAsync<ControlAnswerCommands, CommandResult<int>>(s => s.AnswerAsync(answerId, world.Organisation.Id, new ControlAnswerInput(status, null, target, null, version),
            new ControlActor(world.Supplier.Id, "Test Supplier", world.Organisation.Id), CancellationToken.None));
        Assert.Equal(CommandStatus.Done, result.Status);
    }

    [Fact]
    public async Task TargetDate_FourteenDaysBeforeAndOnceOverdue_ToTheOrganisationsRecipients_NothingForInPlaceOrRetired()
    {
        var world = await ActionTestData.CreateWorldAsync(_app, "Target Ltd");
        var answers = await AdoptAsync(world, ControlSet.CyberEssentialsId);
        var target = Target();
        await AnswerAsync(world, answers["CE1"], ControlStatus.PartlyInPlace, target);
        await AnswerAsync(world, answers["CE2"], ControlStatus.NotStarted, target);
        await AnswerAsync(world, answers["CE3"], ControlStatus.InPlace, null);

        _app.MoveTo(NineAmOn(target, -14).AddMinutes(-1));
        await _app.SweepAsync();
        Assert.Empty(await EmailsAsync(ControlTargetDueSource.Definition.Code));
        _app.MoveTo(NineAmOn(target, -14));
        await _app.SweepAsync();
        await _app.SweepAsync();
        var due = await EmailsAsync(ControlTargetDueSource.Definition.Code);
        Assert.Equal(2, due.Count);
        Assert.All(due, m =>
        {
            Assert.Equal(world.Contacts[0].Email, m.ToAddress);
            Assert.Null(m.RoundtableId);
            Assert.StartsWith("Security control target date coming up: CE", m.Subject, StringComparison.Ordinal);
        });
        Assert.Contains($"/portal/controls/{answers["CE1"]}", due[0].TextBody, StringComparison.Ordinal);

        // CE2 is now in place: only CE1 is overdue the day after the target date.
        await AnswerAsync(world, answers["CE2"], ControlStatus.InPlace, null);
        _app.MoveTo(NineAmOn(target, 1));
        await _app.SweepAsync();
        var overdue = await EmailsAsync(ControlTargetOverdueSource.Definition.Code);
        Assert.Equal([$"Security control target date passed: CE1 Firewalls"], overdue.Select(m => m.Subject));
        Assert.True(await _app.WithDbAsync(db => db.ReminderLogs.AnyAsync(l => l.Kind == ControlTargetOverdueSource.Definition.Code && l.RoundtableId == null && l.Outcome == ReminderOutcome.Sent)));
    }

    [Fact]
    public async Task TargetDate_ControlRetiredBeforeTheReminder_NothingSent()
    {
        var world = await ActionTestData.CreateWorldAsync(_app, "Retired Ltd");
        var set = await WithAsync<ControlSetCommands, CommandResult<int>>(s => s.CreateSetAsync(new ControlSetInput("Retiring clauses", null, "Schedule 7", null), new ControlActor(world.Lead.Id, "Organiser"), CancellationToken.None));
        var control = await WithAsync<ControlSetCommands, CommandResult<int>>(s => s.AddControlAsync(set.Value, new ControlInput("R1", "Annual penetration test", null, null), new ControlActor(world.Lead.Id, "Organiser"), CancellationToken.None));
        var answers = await AdoptAsync(world, set.Value);
        var target = Target();
        await AnswerAsync(world, answers["R1"], ControlStatus.PartlyInPlace, target);
        await WithAsync<ControlSetCommands, CommandResult<int>>(s => s.RetireAsync(control.Value, new ControlActor(world.Lead.Id, "Organiser"), CancellationToken.None));

        _app.MoveTo(NineAmOn(target, -14));
        await _app.SweepAsync();
        _app.MoveTo(NineAmOn(target, 1));
        await _app.SweepAsync();
        Assert.Empty(await EmailsAsync(ControlTargetDueSource.Definition.Code));
        Assert.Empty(await EmailsAsync(ControlTargetOverdueSource.Definition.Code));
    }

    [Fact]
    public async Task AssessmentRequested_NothingAnsweredFourteenDaysLater_ChasedOnce_NotWhenAnswered()
    {
        var quiet = await ActionTestData.CreateWorldAsync(_app, "Quiet Ltd");
        var busy = await ActionTestData.CreateWorldAsync(_app, "Busy Ltd");
        await AdoptAsync(quiet, ControlSet.CafId);
        var busyAnswers = await AdoptAsync(busy, ControlSet.CafId);
        await AnswerAsync(busy, busyAnswers["A1"], ControlStatus.InPlace, null);
        var adopted = await _app.WithDbAsync(db => db.ControlAdoptions.Where(a => a.OrganisationId == quiet.Organisation.Id).Select(a => a.AdoptedUtc).SingleAsync());
        var due = _app.Services.GetRequiredService<IOptions<RemindersOptions>>().Value.DueAfterUtc(adopted, 14);

        _app.MoveTo(due.AddMinutes(-1));
        await _app.SweepAsync();
        Assert.Empty(await EmailsAsync(ControlAssessmentChaserSource.Definition.Code));
        _app.MoveTo(due);
        await _app.SweepAsync();
        await _app.SweepAsync();
        var chasers = await EmailsAsync(ControlAssessmentChaserSource.Definition.Code);
        Assert.Equal([quiet.Contacts[0].Email], chasers.Select(m => m.ToAddress));
        Assert.StartsWith("Reminder: please assess Quiet Ltd", chasers[0].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetDue_MarkedSet_SubjectAndBodyCarryTheMarking_OneLineSubject_EscapedBody_NoPersonalLink()
    {
        var world = await ActionTestData.CreateWorldAsync(_app, "Marked Ltd");
        var actor = new ControlActor(world.Lead.Id, "Organiser");
        var set = await WithAsync<ControlSetCommands, CommandResult<int>>(s => s.CreateSetAsync(new ControlSetInput("Amber clauses", null, "Schedule 7", Core.Agenda.TlpMarking.Amber), actor, CancellationToken.None));
        var control = await WithAsync<ControlSetCommands, CommandResult<int>>(s => s.AddControlAsync(set.Value, new ControlInput("A7", "Privileged access reviewed", null, null), actor, CancellationToken.None));
        var answers = await AdoptAsync(world, set.Value);
        var target = Target();
        await AnswerAsync(world, answers["A7"], ControlStatus.NotStarted, target);
        // A title stored before the text rules (or by hand) with a line break and markup: neither may reach a header or the HTML.
        await _app.WithDbAsync(db => db.Controls.Where(c => c.Id == control.Value).ExecuteUpdateAsync(c => c.SetProperty(x => x.Title, "Privileged <b>access</b>\r\nBcc: someone@attacker.example")));

        _app.MoveTo(NineAmOn(target, -14));
        await _app.SweepAsync();

        var email = Assert.Single(await EmailsAsync(ControlTargetDueSource.Definition.Code));
        Assert.StartsWith("TLP:AMBER Security control target date coming up: A7 Privileged <b>access</b>", email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
        Assert.Contains("This control set is marked TLP:AMBER: may be shared within your organisation and its clients on a need-to-know basis.", email.TextBody, StringComparison.Ordinal);
        // At the start of the body, as TLP asks, before anything it marks.
        Assert.True(email.TextBody.IndexOf("This control set is marked", StringComparison.Ordinal) < email.TextBody.IndexOf("Dear ", StringComparison.Ordinal), "the marking comes first");
        Assert.Contains("TLP:AMBER", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>access</b>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{_app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl}/portal/controls/{answers["A7"]}", email.TextBody, StringComparison.Ordinal);
        Assert.Null(email.ProtectedLinks);
        Assert.Contains("Marked Ltd", email.TextBody, StringComparison.Ordinal);
    }
}

