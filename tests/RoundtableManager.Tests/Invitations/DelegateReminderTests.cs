using Ical.Net;

namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.FreshReminders)]
public sealed class DelegateReminderTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EventReminder_ConfirmedDelegate_GetsJoiningDetailsAndCalendarOnce()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Reminded Delegates Ltd");
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        {
            (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Golf", 1))).Dispose();
        }

        var person = Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
        app.MoveTo(DueUtc(roundtable.StartsUtc, days: 2).AddMinutes(1));
        await app.SweepAsync();
        await app.SweepAsync();

        var reminder = Assert.Single(await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == "EventReminder").ToListAsync()));
        Assert.Equal(person.Email, reminder.ToAddress);
        Assert.Contains(roundtable.OnlineJoiningDetails!, reminder.TextBody, StringComparison.Ordinal);
        var meeting = Assert.Single(Calendar.Load(reminder.CalendarContent!)!.Events);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, person.Email), meeting.Uid);
        Assert.Equal("REQUEST", reminder.CalendarMethod);
    }

    [Fact]
    public async Task DetailsMissing_AcceptedWithoutDelegates_ChasedUntilNamed()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Accepted Quietly Ltd");
        await app.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.Id == invited.InvitationId);
            invitation.Response = InvitationResponse.Accepted;
            invitation.RespondedUtc = app.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        });

        app.MoveTo(DueUtc(roundtable.RsvpDeadlineUtc, days: 3).AddMinutes(1));
        await app.SweepAsync();
        var chasers = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == "DetailsMissing").ToListAsync());
        Assert.NotEmpty(chasers);
        Assert.All(chasers, c => Assert.Contains("has not yet named who will attend", c.TextBody, StringComparison.Ordinal));
        Assert.Empty(await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == "RsvpChaser").ToListAsync()));
    }

    /// <summary>When the service's rule (9am UK time, moved back over weekends and bank holidays; unit-tested in ReminderJobsTests) makes it due.</summary>
    private static DateTime DueUtc(DateTime anchorUtc, int days) => new RemindersOptions().DueUtc(anchorUtc, days);
}
