using Ical.Net;
using MimeKit;

namespace RoundtableManager.Tests.Invitations;

/// <summary>
/// An invitation from the organiser's pages to a real SMTP server, through the outbox and the real Hangfire sender, on the
/// shared host whose job server runs (<see cref="SharedHosts.SmtpJobServer"/>).
/// </summary>
[Collection(SharedHosts.SmtpJobServer)]
public sealed class InvitationDeliveryTests(Email.SmtpJobServerFixture fixture)
{
    [Fact]
    public async Task Invite_DeliveredOverSmtp_AsMultipartWithPersonalLinkAndCalendarRequest()
    {
        var (smtp, app) = fixture.Next();
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Delivered {Guid.NewGuid():N}");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();

        var received = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30)));
        var message = received.Message;
        Assert.Equal(contacts[0].Email, Assert.Single(received.EnvelopeTo));
        Assert.Contains(roundtable.Title, message.Subject, StringComparison.Ordinal);

        // A mail program finds text, HTML and a calendar request in the alternative part, and an .ics attachment.
        var alternative = message.BodyParts.OfType<TextPart>().ToList();
        var text = alternative.Single(p => p.ContentType.IsMimeType("text", "plain")).Text;
        var html = alternative.Single(p => p.ContentType.IsMimeType("text", "html")).Text;
        var calendarPart = alternative.Single(p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("REQUEST", calendarPart.ContentType.Parameters["method"]);
        Assert.Contains(message.Attachments, a => a.ContentDisposition?.FileName == "invite.ics");

        // The personal link is there, and it works: it leads on to the invitation, leaving the token behind.
        var path = InvitationTestData.LinkPath(new Core.Email.OutboxMessage { TextBody = text });
        Assert.Contains(path, html, StringComparison.Ordinal);
        var (status, _, response) = await InvitationTestData.OpenLinkAsync(app, path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, status);
        Assert.Equal("/invitation", response.Headers.Location!.OriginalString);

        var calendar = Calendar.Load(calendarPart.Text)!;
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(roundtable.StartsUtc, meeting.DtStart!.AsUtc);
        Assert.Equal(roundtable.EndsUtc, meeting.DtEnd!.AsUtc);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), meeting.Uid);
        Assert.Equal(0, meeting.Sequence);

        var log = await client.GetDocumentAsync($"/emails?roundtableId={roundtable.Id}");
        Assert.Contains("Sent", log.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }
}
