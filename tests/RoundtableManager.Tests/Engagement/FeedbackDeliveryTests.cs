namespace RoundtableManager.Tests.Engagement;

/// <summary>Feedback links delivered over SMTP to a real server on 127.0.0.1, through the outbox and the real sender.</summary>
[Collection(SharedHosts.Smtp)]
public sealed class FeedbackDeliveryTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MarkHeld_DeliveredOverSmtp_OnlyToCheckedInDelegates_SentRowKeepsNoLink()
    {
        var (smtp, app) = (fixture.Smtp, fixture.App);
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 2, checkedInPerOrganisation: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        await app.WithDbAsync(db => db.OutboxMessages.ExecuteDeleteAsync());

        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        await app.RunSenderAsync();

        var received = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(held.CheckedIn.Select(d => d.Email).Order(), received.SelectMany(m => m.EnvelopeTo).Order());
        Assert.All(received, m => Assert.StartsWith("Your feedback: ", m.Message.Subject, StringComparison.Ordinal));
        var text = received[0].Message.TextBody!;
        var path = FeedbackTestData.LinkPath(text);
        var token = path["/feedback/".Length..];
        Assert.Contains(path, received[0].Message.HtmlBody, StringComparison.Ordinal);

        // The link in the email works; the sent row in the database holds no trace of it.
        var (client, opened) = await FeedbackTestData.OpenAsync(app, path);
        using (client)
        using (opened)
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, opened.StatusCode);
        }

        var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == FeedbackService.EmailKind).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Assert.Null(row.ProtectedLinks);
            Assert.DoesNotContain(token, row.TextBody + row.HtmlBody, StringComparison.Ordinal);
            Assert.True(WithheldLinks.HadPersonalLink(row.TextBody));
        });
    }
}
