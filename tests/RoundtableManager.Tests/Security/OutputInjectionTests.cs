using Ical.Net;
using MimeKit;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Defence in depth behind the input rules: whatever is stored (here written straight into the database, as if a
/// validation were missed or a row came from elsewhere), no calendar line and no email header gains a line of its own.
/// </summary>
[Collection(SharedHosts.Smtp)]
public sealed class OutputInjectionTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Injection = "\r\nLOCATION:Moved - join at https://evil.example/login\r\nURL:https://evil.example/\r\nBcc: thief@evil.example\r\n";

    [Fact]
    public async Task DirtyNamesAndTitleInTheDatabase_CalendarKeepsOneAttendeeLineAndHeadersStayPut()
    {
        var (smtp, app) = (fixture.Smtp, fixture.App);
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var undecided = await RsvpTestData.InviteAsync(app, roundtable, "Injected Names Ltd", contacts: 2);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Attending Names Ltd", contacts: 1);
        using var supplier = await RsvpTestData.SupplierAsync(app, invited);
        var delegateEmail = $"alice-{Guid.NewGuid():N}@delegates.example";
        (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [("Alice Example", delegateEmail)])).Dispose();

        // Everyone's calendar entry is delivered first, so the cancellation below has entries to remove.
        Assert.Equal(0, (await app.RunSenderAsync()).Failed);
        smtp.Reset();
        await app.WithDbAsync(async db =>
        {
            await db.Delegates.Where(d => d.RoundtableId == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.FullName, "Alice" + Injection));
            await db.InvitationRecipients.Where(r => r.InvitationId == undecided.InvitationId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, "Rita\u0007\u2028" + Injection));
            await db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Title, "Supply chain" + Injection)
                .SetProperty(r => r.VenueAddress, "70 Whitehall\r\nLondon\u0000 SW1A 2AS\r\nURL:https://evil.example/venue")
                .SetProperty(r => r.Description, "First line\r\nSecond line\u001b[31m\rThird line"));
        });

        // Cancelling the roundtable sends every invited person and delegate a cancellation, with their calendar entry if they
        // have one (a cancellation takes no text, so the stored title, venue and description reach the calendar as stored;
        // a move would pass the title through the input rule, which refuses it).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(CommandStatus.Done, (await scope.ServiceProvider.GetRequiredService<RoundtableService>().CancelAsync(roundtable.Id, CancellationToken.None)).Status);
        }

        var result = await app.RunSenderAsync();
        Assert.Equal(0, result.Failed + result.Retrying);
        var received = smtp.Messages;
        Assert.Equal(4, received.Count);
        var calendars = 0;
        foreach (var email in received)
        {
            // Headers: exactly one recipient, no Bcc, and no header line that the values made for themselves.
            var message = email.Message;
            Assert.Single(message.To.Mailboxes);
            Assert.Empty(message.Bcc);
            Assert.DoesNotContain(message.Headers, h => h.Field.Equals("LOCATION", StringComparison.OrdinalIgnoreCase) || h.Field.Equals("URL", StringComparison.OrdinalIgnoreCase));
            var headerBlock = email.RawText[..email.RawText.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
            var unfoldedHeaders = headerBlock.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal).Split("\r\n");
            Assert.All(unfoldedHeaders, line => Assert.Matches("^[A-Za-z][A-Za-z0-9-]*: ", line));
            Assert.DoesNotContain(unfoldedHeaders, line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(message.Subject ?? "", c => c is '\r' or '\n');

            // Calendar: it parses, one ATTENDEE line, the real LOCATION only, no URL line, no raw control characters.
            var ics = message.BodyParts.OfType<TextPart>().SingleOrDefault(p => p.ContentType.IsMimeType("text", "calendar"))?.Text;
            if (ics is null)
            {
                continue;
            }

            calendars++;
            var lines = System.Text.RegularExpressions.Regex.Split(System.Text.RegularExpressions.Regex.Replace(ics, "\r?\n[ \t]", ""), "\r?\n").Where(l => l.Length > 0).ToList();
            Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("ORGANIZER", StringComparison.Ordinal));
            var location = Assert.Single(lines, l => l.StartsWith("LOCATION", StringComparison.Ordinal));
            Assert.StartsWith("LOCATION:70 Whitehall", location, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.StartsWith("URL", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.DoesNotContain(l, c => char.IsControl(c) || c is '\u2028' or '\u2029'));
            var calendarEvent = Assert.Single(Calendar.Load(ics)!.Events);
            var attendee = Assert.Single(calendarEvent.Attendees);
            Assert.Equal(email.EnvelopeTo.Single(), attendee.Value!.AbsoluteUri["mailto:".Length..], ignoreCase: true);
            Assert.DoesNotContain('\n', attendee.CommonName ?? "");
            Assert.DoesNotContain('\n', calendarEvent.Summary ?? "");
            Assert.StartsWith("70 Whitehall", calendarEvent.Location, StringComparison.Ordinal);
            Assert.DoesNotContain(calendarEvent.Description ?? "", c => char.IsControl(c) && c != '\n');
        }

        // The two invited people of the organisation yet to answer, and the delegate (the other recipient is not going).
        Assert.Equal(3, calendars);
    }
}
