namespace RoundtableManager.Tests.Engagement;

/// <summary>Messages to a roundtable's people chosen by status (issue #19, item 4), delivered through the outbox to a real SMTP server.</summary>
[Collection(SharedHosts.Smtp)]
public sealed class RoundtableMessageTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<KeyValuePair<string, string>> Fields(string subject, string body, params MessageGroups[] groups) =>
        [new("Subject", subject), new("Body", body), .. groups.Select(g => new KeyValuePair<string, string>("Groups", g.ToString()))];

    [Fact]
    public async Task Send_ToAcceptedAndConfirmed_OneEmailEachOverSmtp_NobodyOutsideTheGroups_OnTheirRecords()
    {
        var (smtp, app) = (fixture.Smtp, fixture.App);
        var roundtable = await RsvpTestData.RoundtableAsync(app, capacity: 2);
        var accepting = await RsvpTestData.InviteAsync(app, roundtable, "Accepting");
        var waiting = await RsvpTestData.InviteAsync(app, roundtable, "Waiting");
        var silent = await RsvpTestData.InviteAsync(app, roundtable, "Silent");
        var declining = await RsvpTestData.InviteAsync(app, roundtable, "Declining");
        var dee = ("Dee Delegate", $"dee-{Guid.NewGuid():N}@accepting.example");
        var wally = ("Wally Waitlist", $"wally-{Guid.NewGuid():N}@waiting.example");
        // Accepting's first contact is an invitation recipient and a confirmed delegate: two groups, one email.
        using (var supplier = await RsvpTestData.SupplierAsync(app, accepting))
        using (var reply = await RsvpTestData.ReplyAsync(supplier, accepting.InvitationId, "Accepted", [(accepting.Contacts[0].FullName, accepting.Contacts[0].Email), dee]))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        using (var supplier = await RsvpTestData.SupplierAsync(app, waiting))
        using (var reply = await RsvpTestData.ReplyAsync(supplier, waiting.InvitationId, "Accepted", [wally]))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        using (var supplier = await RsvpTestData.SupplierAsync(app, declining))
        using (var reply = await RsvpTestData.ReplyAsync(supplier, declining.InvitationId, "Declined", [], reason: "Not this time"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        Assert.Equal(Core.Invitations.DelegateStatus.Waitlisted, (await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Single(d => d.FullName == wally.Item1).Status);
        await app.RunSenderAsync();
        smtp.Reset();

        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var compose = $"/roundtables/{roundtable.Id}/messages/new";
        using var saved = await organiser.PostFormValuesAsync(compose, compose, Fields("Joining instructions", "Arrive by 9:30.\n\nBring photo ID.", MessageGroups.AcceptedRecipients, MessageGroups.ConfirmedDelegates));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var checkUrl = saved.Headers.Location!.OriginalString;
        Assert.EndsWith("/check", checkUrl, StringComparison.Ordinal);

        var expected = accepting.Contacts.Select(c => c.Email).Concat(waiting.Contacts.Select(c => c.Email)).Append(dee.Item2).Order(StringComparer.Ordinal).ToList();
        var check = await organiser.GetDocumentAsync(checkUrl);
        Assert.Equal("5 people will get this message", check.QuerySelector("#recipient-count")!.TextContent.Trim());
        Assert.Equal(expected, check.QuerySelectorAll("#recipients tbody tr .rtm-recipient-email").Select(e => e.TextContent.Trim()).Order(StringComparer.Ordinal));
        var both = check.QuerySelectorAll("#recipients tbody tr").Single(r => r.TextContent.Contains(accepting.Contacts[0].Email, StringComparison.Ordinal));
        Assert.Equal("Invited (accepted), Confirmed delegate", both.QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Empty(await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == RoundtableMessages.EmailKind).ToListAsync()));

        var sendUrl = checkUrl[..^"check".Length] + "send";
        var fingerprint = check.QuerySelector("input[name=fingerprint]")!.GetAttribute("value")!;
        using (var sent = await organiser.PostFormValuesAsync(checkUrl, sendUrl, [new("fingerprint", fingerprint)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            var shown = await organiser.GetDocumentAsync(sent.Headers.Location!.OriginalString);
            Assert.Contains("Message sent to 5 people", shown.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        }

        await app.RunSenderAsync();
        await smtp.WaitForMessagesAsync(5, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var messages = smtp.Messages.Where(m => m.Message.Subject == "Joining instructions").ToList();
        Assert.Equal(expected, messages.SelectMany(m => m.EnvelopeTo).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Single(m.EnvelopeTo));
        Assert.Contains("Bring photo ID.", messages[0].Message.TextBody, StringComparison.Ordinal);
        // In the email log, sent, like every other email.
        Assert.All(await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == RoundtableMessages.EmailKind).ToListAsync()),
            m => Assert.Equal(Core.Email.OutboxStatus.Sent, m.Status));

        var list = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/messages");
        Assert.Contains("5 people", list.QuerySelector("#messages tbody")!.TextContent, StringComparison.Ordinal);

        // Sending again (a double click, or the back button) sends nothing more.
        using (var again = await organiser.PostFormValuesAsync(checkUrl.Replace("/check", "", StringComparison.Ordinal), sendUrl, [new("fingerprint", fingerprint)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Equal(5, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == RoundtableMessages.EmailKind)));

        // Each organisation it went to has it on its record; the others do not.
        foreach (var (organisation, has) in new[] { (accepting, true), (waiting, true), (silent, false), (declining, false) })
        {
            var record = await organiser.GetDocumentAsync($"/suppliers/{organisation.Organisation.Id}/record?Kind=messages");
            Assert.Equal(has ? 1 : 0, record.QuerySelectorAll("#timeline > li[data-kind=messages]").Length);
        }
    }

    [Fact]
    public async Task Compose_BadInput_ErrorSummaryNothingSaved_AndStaffRefused()
    {
        var app = fixture.App;
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        await RsvpTestData.InviteAsync(app, roundtable, "Invited");
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var compose = $"/roundtables/{roundtable.Id}/messages/new";
        using var response = await organiser.PostFormValuesAsync(compose, compose, Fields("Hello\r\nBcc: everyone@example.com", ""));
        var page = await response.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Select who the message is for", "Subject must not contain line breaks or control characters", "Enter the message"], page.ErrorSummary());
        Assert.Equal("Hello\nBcc: everyone@example.com", page.QuerySelector("#Subject")!.GetAttribute("value")!.ReplaceLineEndings("\n"));
        Assert.False(await app.WithDbAsync(db => db.RoundtableMessages.AnyAsync()));

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        using var refused = await staff.GetAsync(new Uri(compose, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Send_PeopleChangedSinceTheCheckPage_RefusedNothingSent()
    {
        var app = fixture.App;
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        await RsvpTestData.InviteAsync(app, roundtable, "First");
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var compose = $"/roundtables/{roundtable.Id}/messages/new";
        using var saved = await organiser.PostFormValuesAsync(compose, compose, Fields("Reminder", "Please reply.", MessageGroups.NoReply));
        var checkUrl = saved.Headers.Location!.OriginalString;
        var check = await organiser.GetDocumentAsync(checkUrl);
        Assert.Equal("2 people will get this message", check.QuerySelector("#recipient-count")!.TextContent.Trim());
        var fingerprint = check.QuerySelector("input[name=fingerprint]")!.GetAttribute("value")!;

        await RsvpTestData.InviteAsync(app, roundtable, "Second");
        using var sent = await organiser.PostFormValuesAsync(checkUrl, checkUrl[..^"check".Length] + "send", [new("fingerprint", fingerprint)]);
        var page = await sent.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal([RoundtableMessages.ChangedMessage], page.ErrorSummary());
        Assert.Equal("4 people will get this message", page.QuerySelector("#recipient-count")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == RoundtableMessages.EmailKind)));
        Assert.Null(await app.WithDbAsync(db => db.RoundtableMessages.Select(m => m.SentUtc).SingleAsync()));
    }
}
