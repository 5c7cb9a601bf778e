using Ical.Net;
using MimeKit;

namespace RoundtableManager.Tests.Invitations;

/// <summary>
/// One calendar entry per person per roundtable, followed through a whole life over real SMTP: every .ics delivered is
/// applied to a model of each person's calendar, as a mail program would, and the calendars are checked at each step.
/// </summary>
[Collection(SharedHosts.Smtp)]
public sealed class CalendarLifeTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WholeLife_InviteAcceptMoveWithdrawDeclineReacceptCancel_AtMostOneLiveEntryPerPerson()
    {
        var (smtp, app) = (fixture.Smtp, fixture.App);
        var calendars = new Calendars();
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Calendar Life Ltd", contacts: 2);
        var recipient = (invited.Contacts[0].FullName, invited.Contacts[0].Email);
        var colleague = invited.Contacts[1].Email;
        var guest = ("Dana Delegate", $"dana-{Guid.NewGuid():N}@delegates.example");
        using var supplier = await RsvpTestData.SupplierAsync(app, invited);

        // Invited: both recipients have the roundtable in their calendars.
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(recipient.Email, colleague);

        // Accepted, naming the recipient and a guest: the recipient's entry is updated (same UID), the guest gets one,
        // and the colleague, who is not going, has theirs removed.
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [recipient, guest])).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(recipient.Email, guest.Item2);

        // Moved: every live entry moves.
        var moved = await MoveAsync(app, roundtable.Id, TimeSpan.FromHours(2));
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(recipient.Email, guest.Item2);
        Assert.All(calendars.LiveEntries, e => Assert.Equal(moved, e.StartsUtc));

        // The recipient is withdrawn as a delegate, then the organisation declines.
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [guest])).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(guest.Item2);
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Declined", [], reason: "Diary clash")).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive();

        // Accepts again: the same entries come back.
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [recipient, guest])).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(recipient.Email, guest.Item2);

        // Cancelled: nothing is left in anyone's calendar.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(CommandStatus.Done, (await scope.ServiceProvider.GetRequiredService<RoundtableService>().CancelAsync(roundtable.Id, CancellationToken.None)).Status);
        }

        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive();

        // One entry per person for the whole life, however many roles they had.
        Assert.Equal(3, calendars.People.Count);
        Assert.All(calendars.People, p => Assert.Single(calendars.UidsOf(p)));
    }

    [Fact]
    public async Task RevokedAndRemoved_TheirEntryIsCancelledWithItsUid_AndAnInvitationThatNeverLeftIsNotCancelled()
    {
        var (smtp, app) = (fixture.Smtp, fixture.App);
        var calendars = new Calendars();
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Core.Identity.Roles.Organiser));
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Revoked Later Ltd", contacts: 2);
        var attending = await RsvpTestData.InviteAsync(app, roundtable, "Removed Delegate Ltd", contacts: 1);
        using var supplier = await RsvpTestData.SupplierAsync(app, attending);
        var guest = ("Ezra Delegate", $"ezra-{Guid.NewGuid():N}@delegates.example");
        (await RsvpTestData.ReplyAsync(supplier, attending.InvitationId, "Accepted", [guest])).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(invited.Contacts[0].Email, invited.Contacts[1].Email, guest.Item2);

        // One link revoked, then the organiser removes the delegate, then the whole invitation is revoked.
        var recipients = await InvitationTestData.RecipientsAsync(app, roundtable.Id);
        var second = recipients.Single(r => r.ContactId == invited.Contacts[1].Id);
        var revokeOne = $"/invitations/{invited.InvitationId}/recipients/{second.Id}/revoke";
        (await organiser.PostFormAsync(revokeOne, revokeOne, new Dictionary<string, string>())).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(invited.Contacts[0].Email, guest.Item2);

        var delegateId = Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Id;
        var responses = $"/roundtables/{roundtable.Id}/responses";
        (await organiser.PostFormAsync(responses, $"{responses}/delegates/{delegateId}/remove", new Dictionary<string, string>())).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(invited.Contacts[0].Email);

        var revokeAll = $"/invitations/{invited.InvitationId}/revoke";
        (await organiser.PostFormAsync(revokeAll, revokeAll, new Dictionary<string, string>())).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive();

        // Invited and revoked before the sender ran: the invitation is withdrawn, so there is nothing to cancel either.
        var late = await RsvpTestData.InviteAsync(app, roundtable, "Revoked At Once Ltd", contacts: 1);
        var revokeLate = $"/invitations/{late.InvitationId}/revoke";
        (await organiser.PostFormAsync(revokeLate, revokeLate, new Dictionary<string, string>())).Dispose();
        var before = smtp.Messages.Count;
        await DeliverAsync(app, smtp, calendars);
        Assert.Equal(before, smtp.Messages.Count);
        Assert.DoesNotContain(calendars.People, p => p.Equals(late.Contacts[0].Email, StringComparison.OrdinalIgnoreCase));
        Assert.All(calendars.People, p => Assert.Single(calendars.UidsOf(p)));
    }

    [Fact]
    public async Task Declined_DelegateTypedWithCapitalsAnotherOrganisationAlsoNamed_OnlyTheirEntryIsCancelledAndOnce()
    {
        // Whether a removed person's entry ever left is looked up by their address alone (not through every email of the
        // roundtable): the address as typed, in capitals, and someone else's emails beside it must not confuse that.
        var (smtp, app) = (fixture.Smtp, fixture.App);
        var calendars = new Calendars();
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var declining = await RsvpTestData.InviteAsync(app, roundtable, "Capital Letters Ltd", contacts: 1);
        var staying = await RsvpTestData.InviteAsync(app, roundtable, "Staying On Ltd", contacts: 1);
        using var first = await RsvpTestData.SupplierAsync(app, declining);
        using var second = await RsvpTestData.SupplierAsync(app, staying);
        var shouting = ("Zoe Capitals", $"Zoe.CAPITALS-{Guid.NewGuid():N}@Delegates.Example");
        var other = ("Omar Other", $"omar-{Guid.NewGuid():N}@delegates.example");
        (await RsvpTestData.ReplyAsync(first, declining.InvitationId, "Accepted", [shouting])).Dispose();
        (await RsvpTestData.ReplyAsync(second, staying.InvitationId, "Accepted", [other])).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(shouting.Item2, other.Item2);

        (await RsvpTestData.ReplyAsync(first, declining.InvitationId, "Declined", [], reason: "Diary clash")).Dispose();
        await DeliverAsync(app, smtp, calendars);
        calendars.AssertLive(other.Item2);
        Assert.All(calendars.People, p => Assert.Single(calendars.UidsOf(p)));
    }

    private static async Task<DateTime> MoveAsync(TestApp app, int roundtableId, TimeSpan by)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var r = await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().Roundtables.AsNoTracking().SingleAsync(x => x.Id == roundtableId);
        var details = new RoundtableDetails(r.Title, r.Description, r.StartsUtc + by, r.EndsUtc + by, r.VenueAddress, r.OnlineJoiningDetails,
            r.Capacity, r.DelegatesPerOrganisation, r.RsvpDeadlineUtc, r.Status);
        Assert.Equal(CommandStatus.Done, (await scope.ServiceProvider.GetRequiredService<RoundtableService>().UpdateAsync(roundtableId, details, CancellationToken.None)).Status);
        return r.StartsUtc + by;
    }

    /// <summary>Sends everything queued and applies each delivered calendar part, in order of delivery.</summary>
    private static async Task DeliverAsync(TestApp app, TestSmtpServer smtp, Calendars calendars)
    {
        var result = await app.RunSenderAsync();
        Assert.Equal(0, result.Failed + result.Retrying);
        foreach (var email in smtp.Messages.Skip(calendars.Applied))
        {
            calendars.Apply(email);
        }
    }

    private sealed record Entry(string Person, string Uid, int Sequence, bool Live, DateTime StartsUtc);

    /// <summary>Each person's calendar as a mail program keeps it: entries by UID, an update applies only with a higher SEQUENCE.</summary>
    private sealed class Calendars
    {
        private readonly Dictionary<(string Person, string Uid), Entry> _entries = [];

        public int Applied { get; private set; }

        public IEnumerable<Entry> LiveEntries => _entries.Values.Where(e => e.Live);

        public IReadOnlyList<string> People => [.. _entries.Keys.Select(k => k.Person).Distinct()];

        public IReadOnlyList<string> UidsOf(string person) => [.. _entries.Keys.Where(k => k.Person == person).Select(k => k.Uid)];

        public void Apply(ReceivedEmail email)
        {
            Applied++;
            var part = email.Message.BodyParts.OfType<TextPart>().SingleOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
            if (part is null)
            {
                return;
            }

            var person = Assert.Single(email.EnvelopeTo).ToUpperInvariant();
            var attachment = email.Message.Attachments.OfType<MimePart>().Single(a => a.FileName == "invite.ics");
            using (var decoded = new MemoryStream())
            {
                attachment.Content!.DecodeTo(decoded);
                Assert.Equal(part.Text.ReplaceLineEndings(), System.Text.Encoding.UTF8.GetString(decoded.ToArray()).ReplaceLineEndings());
            }

            var calendar = Calendar.Load(part.Text)!;
            Assert.Equal(calendar.Method, part.ContentType.Parameters["method"]);
            var calendarEvent = Assert.Single(calendar.Events);
            Assert.Equal(person, Assert.Single(calendarEvent.Attendees).Value!.AbsoluteUri["mailto:".Length..].ToUpperInvariant());
            var key = (person, calendarEvent.Uid!);
            _entries.TryGetValue(key, out var known);
            switch (calendar.Method)
            {
                case "REQUEST":
                    Assert.True(known is null || calendarEvent.Sequence > known.Sequence, $"an update to {calendarEvent.Uid} without a higher SEQUENCE");
                    _entries[key] = new Entry(person, key.Item2, calendarEvent.Sequence, true, calendarEvent.DtStart!.AsUtc);
                    break;
                case "CANCEL":
                    if (known is null)
                    {
                        Assert.Fail($"a cancellation of {calendarEvent.Uid}, which {person} never had");
                        return;
                    }

                    Assert.True(known.Live, $"{calendarEvent.Uid} cancelled twice");
                    Assert.True(calendarEvent.Sequence > known.Sequence, $"a cancellation of {calendarEvent.Uid} without a higher SEQUENCE");
                    Assert.Equal(EventStatus.Cancelled, calendarEvent.Status);
                    _entries[key] = known with { Sequence = calendarEvent.Sequence, Live = false };
                    break;
                default:
                    Assert.Fail("unexpected METHOD " + calendar.Method);
                    break;
            }

            Assert.True(LiveEntries.Count(e => e.Person == person) <= 1, $"{person} has more than one live entry");
        }

        public void AssertLive(params string[] people) =>
            Assert.Equal(people.Select(p => p.ToUpperInvariant()).Order(StringComparer.Ordinal), LiveEntries.Select(e => e.Person).Order(StringComparer.Ordinal));
    }
}
