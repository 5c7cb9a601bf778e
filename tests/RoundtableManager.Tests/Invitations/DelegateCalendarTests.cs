using Ical.Net;

namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.Invitations)]
public sealed class DelegateCalendarTests(TestApp app)
{
    [Fact]
    public async Task RoundtableMovedThenCancelled_ConfirmedDelegatesCalendarEntriesFollow()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Calendar Followers Ltd");
        using var supplier = await RsvpTestData.SupplierAsync(app, invited);
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Delta", 1))).Dispose();
        var delegateEntry = Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<RoundtableService>();
            var r = await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().Roundtables.AsNoTracking().SingleAsync(x => x.Id == roundtable.Id);
            var later = new RoundtableDetails(r.Title, r.Description, r.StartsUtc.AddHours(3), r.EndsUtc.AddHours(3), r.VenueAddress, r.OnlineJoiningDetails, r.Capacity, r.DelegatesPerOrganisation, r.RsvpDeadlineUtc, r.Status);
            Assert.Equal(CommandStatus.Done, (await service.UpdateAsync(roundtable.Id, later, CancellationToken.None)).Status);
        }

        var update = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == delegateEntry.Email && m.Kind == "InvitationUpdate"));
        var moved = Assert.Single(Calendar.Load(update.CalendarContent!)!.Events);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, delegateEntry.Email), moved.Uid);
        Assert.Equal(roundtable.StartsUtc.AddHours(3), moved.DtStart!.AsUtc);
        Assert.Equal(1, moved.Sequence);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoundtableService>().CancelAsync(roundtable.Id, CancellationToken.None);
        }

        var cancellation = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == delegateEntry.Email && m.Kind == "InvitationCancellation"));
        var calendar = Calendar.Load(cancellation.CalendarContent!)!;
        Assert.Equal("CANCEL", calendar.Method);
        var cancelled = Assert.Single(calendar.Events);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, delegateEntry.Email), cancelled.Uid);
        Assert.True(cancelled.Sequence > moved.Sequence);
    }

    [Fact]
    public async Task AgendaPublished_DelegatesGetItByEmailAndInTheirCalendarEntry_AndLaterDelegatesToo()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Agenda Readers Ltd");
        using var supplier = await RsvpTestData.SupplierAsync(app, invited);
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Early", 1))).Dispose();
        var early = Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Supplier access reviews", marking: "Green", description: "Quarterly reviews of privileged access"));

        var publish = $"/roundtables/{roundtable.Id}/agenda/publish";
        (await organiser.PostFormAsync(publish, publish, new Dictionary<string, string>())).Dispose();

        var published = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == early.Email && m.Kind == AgendaService.PublishedKind));
        var entry = Assert.Single(Calendar.Load(published.CalendarContent!)!.Events);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, early.Email), entry.Uid);
        Assert.Contains("Supplier access reviews [TLP:GREEN]", entry.Description, StringComparison.Ordinal);
        Assert.Contains("Quarterly reviews of privileged access", entry.Description, StringComparison.Ordinal);
        Assert.True(entry.Sequence > 0);

        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [(early.FullName, early.Email), ("Late Delegate", $"late-{Guid.NewGuid():N}@example.test")])).Dispose();
        var late = Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id), d => d.FullName == "Late Delegate");
        var confirmation = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == late.Email && m.CalendarContent != null));
        Assert.Contains("Supplier access reviews [TLP:GREEN]", Assert.Single(Calendar.Load(confirmation.CalendarContent!)!.Events).Description, StringComparison.Ordinal);
    }
}
