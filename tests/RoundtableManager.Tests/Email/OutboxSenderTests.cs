using MimeKit;

namespace RoundtableManager.Tests.Email;

/// <summary>The sender through a real SMTP server on 127.0.0.1.</summary>
[Collection(SharedHosts.Smtp)]
public sealed class OutboxSenderTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    private const string Calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Roundtable Manager//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:rt-1-contact-2@roundtables.example.gov.uk\r\nSEQUENCE:0\r\nDTSTAMP:20270101T090000Z\r\nDTSTART:20270203T143000Z\r\nDTEND:20270203T163000Z\r\nSUMMARY:Supplier security roundtable\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private TestApp App => fixture.App;

    private TestSmtpServer Smtp => fixture.Smtp;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Send_QueuedMessage_ArrivesAsTextAndHtmlAlternativesAndIsMarkedSent()
    {
        var id = await App.QueueAsync(EmailTestExtensions.Draft("ada@supplier.example", "Invitation: supplier security roundtable"));

        var result = await App.RunSenderAsync();

        Assert.Equal(new OutboxRunResult(1, 0, 0), result);
        var received = Assert.Single(await Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
        var message = received.Message;
        Assert.Equal(["ada@supplier.example"], received.EnvelopeTo);
        Assert.Equal("Invitation: supplier security roundtable", message.Subject);
        Assert.Equal("Ada Lovelace", message.To.Mailboxes.Single().Name);
        Assert.Equal("roundtables@example.gov.uk", message.From.Mailboxes.Single().Address);
        Assert.Equal("Roundtable Manager", message.From.Mailboxes.Single().Name);
        var row = await App.RowAsync(id);
        Assert.Equal(EmailMessageFactory.MessageIdFor(row, new EmailOptions()), message.MessageId);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Contains("https://roundtables.example.gov.uk/respond", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://roundtables.example.gov.uk/respond\"", message.HtmlBody, StringComparison.Ordinal);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, row.SentUtc);
        Assert.Null(row.ClaimExpiresUtc);
    }

    [Fact]
    public async Task Send_WithCalendar_AddsTextCalendarRequestPartAfterTextAndHtmlAndAnIcsAttachment()
    {
        await App.QueueAsync(EmailTestExtensions.Draft("grace@supplier.example") with { CalendarContent = Calendar, CalendarMethod = "REQUEST" });

        await App.RunSenderAsync();

        var message = Assert.Single(await Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5))).Message;
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        var calendar = (TextPart)alternative[2];
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", calendar.ContentType.Charset, ignoreCase: true);
        Assert.Equal(Calendar, await DecodeAsync(calendar));

        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal(Calendar, await DecodeAsync(attachment));
    }

    [Fact]
    public async Task Send_TransientRefusalThenAcceptance_DeliversExactlyOnceAfterTheDelay()
    {
        var id = await App.QueueAsync(EmailTestExtensions.Draft("alan@supplier.example"));
        Smtp.FailNext(1, 451, "Greylisted, try again later");

        Assert.Equal(new OutboxRunResult(0, 1, 0), await App.RunSenderAsync());
        var row = await App.RowAsync(id);
        Assert.Equal(OutboxStatus.Queued, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("451 Greylisted, try again later", row.LastError);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), row.NextAttemptUtc);

        // Not due yet: nothing is sent early.
        Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());
        Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());

        Assert.Single(await Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, Smtp.Refusals);
        row = await App.RowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task EmailLog_TwoTransientRefusalsThenAcceptance_ShowsEachAttemptWithTimeOutcomeAndReply()
    {
        var id = await App.QueueAsync(EmailTestExtensions.Draft("attempts@supplier.example"));
        Smtp.FailNext(2, 451, "4.7.1 Greylisted, try again later");
        var first = App.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(new OutboxRunResult(0, 1, 0), await App.RunSenderAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new OutboxRunResult(0, 1, 0), await App.RunSenderAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());

        var organiser = await App.SignedInClientAsync(await App.CreateUserAsync(RoundtableManager.Core.Identity.Roles.Organiser));
        var page = await organiser.GetDocumentAsync($"/emails/{id}");
        var attempts = page.QuerySelectorAll("#attempts tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(
            [Core.Common.UkTime.Format(first), Core.Common.UkTime.Format(first.AddMinutes(1)), Core.Common.UkTime.Format(first.AddMinutes(3))],
            attempts.Select(a => a[0]));
        Assert.Equal(["Not delivered: to be tried again", "Not delivered: to be tried again", "Delivered"], attempts.Select(a => a[1]));
        Assert.All(attempts.Take(2), a => Assert.Equal("451 4.7.1 Greylisted, try again later", a[2]));
        Assert.StartsWith("250", attempts[2][2], StringComparison.Ordinal);
        var summary = page.QuerySelectorAll(".govuk-summary-list__row").Select(r => r.TextContent).ToList();
        Assert.DoesNotContain(summary, r => r.Contains("Last error", StringComparison.Ordinal) && r.Contains("None", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_KeepsBeingRefusedTransiently_BacksOffUpToAnHourThenFails()
    {
        var id = await App.QueueAsync(EmailTestExtensions.Draft("barbara@supplier.example"));
        Smtp.FailNext(100, 421, "Service not available");
        var delays = new List<double>();
        for (var attempt = 1; attempt < 8; attempt++)
        {
            await App.RunSenderAsync();
            var row = await App.RowAsync(id);
            Assert.Equal(OutboxStatus.Queued, row.Status);
            delays.Add((row.NextAttemptUtc - App.Clock.GetUtcNow().UtcDateTime).TotalMinutes);
            App.Clock.SetUtcNow(row.NextAttemptUtc);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60], delays);
        Assert.Equal(new OutboxRunResult(0, 0, 1), await App.RunSenderAsync());
        var failed = await App.RowAsync(id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(new EmailOptions().MaxAttempts, failed.Attempts);
        Assert.Equal("421 Service not available", failed.LastError);
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task Send_PermanentRefusal_MarksFailedAtOnceAndTheEmailLogShowsTheServersReply()
    {
        var id = await App.QueueAsync(EmailTestExtensions.Draft("nobody@supplier.example"));
        Smtp.FailNext(1, 550, "5.1.1 Mailbox does not exist");

        Assert.Equal(new OutboxRunResult(0, 0, 1), await App.RunSenderAsync());

        var row = await App.RowAsync(id);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("550 5.1.1 Mailbox does not exist", row.LastError);
        App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());

        var organiser = await App.SignedInClientAsync(await App.CreateUserAsync(RoundtableManager.Core.Identity.Roles.Organiser));
        var page = await organiser.GetDocumentAsync($"/emails/{id}");
        Assert.Contains("550 5.1.1 Mailbox does not exist", page.QuerySelector(".govuk-warning-text")!.TextContent, StringComparison.Ordinal);
        var list = await organiser.GetDocumentAsync("/emails?status=Failed");
        var cells = list.QuerySelectorAll("tbody tr").Single().TextContent;
        Assert.Contains("nobody@supplier.example", cells, StringComparison.Ordinal);
        Assert.Contains("Last error: 550 5.1.1 Mailbox does not exist", cells, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_RowLeftInSendingByAProcessThatDied_IsSentOnTheNextRunAndNothingIsLost()
    {
        // What a sender that died after the server accepted the message, before marking it sent, leaves behind.
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var orphan = await InsertAsync("orphan@supplier.example", OutboxStatus.Sending, claimExpires: now.AddSeconds(-1));
        var stillClaimed = await InsertAsync("busy@supplier.example", OutboxStatus.Sending, claimExpires: now.AddMinutes(2));

        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());

        var received = Assert.Single(await Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(["orphan@supplier.example"], received.EnvelopeTo);
        Assert.Equal(OutboxStatus.Sent, (await App.RowAsync(orphan)).Status);
        // A live sender's claim is respected until it lapses; then that row is sent too.
        Assert.Equal(OutboxStatus.Sending, (await App.RowAsync(stillClaimed)).Status);
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());
        Assert.Equal(2, (await Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(5))).Count);
    }

    [Fact]
    public async Task Send_TwoSendersAtTheSameTime_DeliverEachMessageOnce()
    {
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await App.QueueAsync(EmailTestExtensions.Draft($"person{i}@supplier.example")));
        }

        var results = await Task.WhenAll(Task.Run(App.RunSenderAsync), Task.Run(App.RunSenderAsync));

        Assert.Equal(30, results.Sum(r => r.Sent));
        var received = await Smtp.WaitForMessagesAsync(30, TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Equal(30, Smtp.Messages.Count);
        Assert.Equal(30, received.Select(m => m.Message.MessageId).Distinct().Count());
        var statuses = await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(OutboxStatus.Sent, s));
    }

    [Fact]
    public async Task Send_ABatch_UsesOneSmtpConnection()
    {
        for (var i = 0; i < 5; i++)
        {
            await App.QueueAsync(EmailTestExtensions.Draft($"batch{i}@supplier.example"));
        }

        Assert.Equal(new OutboxRunResult(5, 0, 0), await App.RunSenderAsync());

        await Smtp.WaitForMessagesAsync(5, TimeSpan.FromSeconds(5));
        Assert.Equal(1, Smtp.Sessions);
    }

    [Fact]
    public async Task Send_CarriageReturnsAndLineFeedsInSubjectAndName_NeverAddAHeaderOrRecipient()
    {
        await App.QueueAsync(EmailTestExtensions.Draft("target@supplier.example", "Hello\r\nBcc: attacker@evil.example", "Eve\r\nX-Injected: yes"));
        // A row written without the outbox's cleaning, as a careless future feature might.
        await App.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = "Test",
                ToAddress = "second@supplier.example",
                ToName = "Mallory\nCc: attacker@evil.example",
                Subject = "Hi\r\nX-Injected: yes\r\n\r\nbody",
                TextBody = "Text",
                HtmlBody = "<p>Text</p>",
                Status = OutboxStatus.Queued,
                CreatedUtc = App.Clock.GetUtcNow().UtcDateTime,
                NextAttemptUtc = App.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });

        Assert.Equal(2, (await App.RunSenderAsync()).Sent);

        var received = await Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(5));
        Assert.Equal(["target@supplier.example", "second@supplier.example"], received.SelectMany(r => r.EnvelopeTo).Order().Reverse().ToArray());
        foreach (var email in received)
        {
            Assert.DoesNotContain(email.Message.Headers, h => h.Field is "Bcc" or "Cc" or "X-Injected");
            Assert.Single(email.Message.To.Mailboxes);
            Assert.DoesNotContain("attacker@evil.example", email.Message.To.Mailboxes.Single().Address, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", email.Message.Subject ?? "", StringComparison.Ordinal);
        }

        Assert.Contains(received, r => r.Message.Subject == "Hello Bcc: attacker@evil.example");
        Assert.Contains(received, r => r.Message.Subject == "Hi X-Injected: yes body");
    }

    [Fact]
    public async Task Enqueue_ChangeThatFailsOrRollsBack_LeavesNoOutboxRow()
    {
        // An exception before SaveChanges: nothing reaches the database.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(EmailTestExtensions.Draft("lost@supplier.example"));
        }

        // A transaction that saves the change and its email, then rolls back.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organisations.Add(new RoundtableManager.Core.Suppliers.Organisation { Name = "Rolled Back Ltd", NormalisedName = "ROLLED BACK LTD" });
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(EmailTestExtensions.Draft("rolledback@supplier.example"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A change the database refuses (a duplicate unique key) takes its email with it.
        await App.CreateOrganisationAsync("Duplicate Ltd");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Organisations.Add(new RoundtableManager.Core.Suppliers.Organisation { Name = "Duplicate Ltd", NormalisedName = RoundtableManager.Core.Suppliers.Organisation.Normalise("Duplicate Ltd") });
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(EmailTestExtensions.Draft("duplicate@supplier.example"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.False(await App.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Rolled Back Ltd")));
        await App.RunSenderAsync();
        Assert.Empty(Smtp.Messages);
    }

    /// <summary>The part's bytes as sent (iCalendar needs its CRLF line endings intact).</summary>
    private static async Task<string> DecodeAsync(MimePart part)
    {
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }

    private Task<long> InsertAsync(string to, OutboxStatus status, DateTime? claimExpires) =>
        App.InsertOutboxRowAsync(to, status, claimExpires, TimeSpan.FromMinutes(10));
}
