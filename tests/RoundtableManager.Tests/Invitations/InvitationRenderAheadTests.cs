namespace RoundtableManager.Tests.Invitations;

/// <summary>
/// Issue #22 item 1: a send renders its emails before its write transaction, so the database's write lock is held for
/// the writes only. What changes between the rendering and the transaction is what the emails and invitations follow.
/// Each test makes its own roundtable and organisations, so the class shares the invitations host; the write lock it holds
/// is that host's, and the classes of a shared host run one after another.
/// </summary>
[Collection(SharedHosts.Invitations)]
public sealed class InvitationRenderAheadTests(TestApp app)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SendInvitations_ChangedWhileWaitingForTheWriteLock_InvitesAndWritesAsItIsAtTheCommit()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (_, kept) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, TestNames.Unique("Kept Ltd"));
        var (archived, dropped) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, TestNames.Unique("Archived Ltd"));
        var gate = await app.WithDbAsync(db => Task.FromResult(SqliteWriteGate.For(db.Database.GetConnectionString()!)));

        // Another writer holds the turn, so the send renders its emails and then waits for the transaction.
        await gate.EnterAsync(Guard, CancellationToken.None);
        Task<Core.Common.CommandResult<InvitesQueued>> send;
        try
        {
            send = SendAsync(app, roundtable.Id, [kept[0].Id, kept[1].Id, dropped[0].Id]);
            await WaitUntilAsync(() => gate.Waiting == 1);
            await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Title, "Renamed roundtable")));
            await app.WithDbAsync(db => db.Contacts.Where(c => c.Id == kept[1].Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.FullName, "Renamed Person")));
            await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, true)));
        }
        finally
        {
            gate.Exit();
        }

        var result = await send.WaitAsync(Guard);

        Assert.Equal(new InvitesQueued(1, 2), result.Value);
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        Assert.Equal([kept[0].Email, kept[1].Email], messages.Select(m => m.ToAddress).Order().ToArray());
        Assert.All(messages, m => Assert.Equal("Invitation: Renamed roundtable", m.Subject));
        Assert.Contains("Dear Renamed Person,", messages.Single(m => m.ToAddress == kept[1].Email).TextBody, StringComparison.Ordinal);
        var recipients = await InvitationTestData.RecipientsAsync(app, roundtable.Id);
        foreach (var message in messages)
        {
            var recipient = recipients.Single(r => r.Id == message.InvitationRecipientId);
            Assert.Equal(message.ToAddress, recipient.Email);
            Assert.Equal(InvitationToken.Hash(InvitationTestData.Token(message)), recipient.TokenHash);
            Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, InvitationTestData.LinkPath(message))).Status);
        }
    }

    [Fact]
    public async Task SendInvitations_NothingChanged_EachEmailsLinkIsItsRecipientsAndCarriesTheCalendar()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (_, first) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, TestNames.Unique("First Ltd"), contacts: 3);
        var (_, second) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, TestNames.Unique("Second Ltd"), contacts: 2);

        var result = await SendAsync(app, roundtable.Id, [.. first.Select(c => c.Id), .. second.Select(c => c.Id)]);

        Assert.Equal(new InvitesQueued(2, 5), result.Value);
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var recipients = await InvitationTestData.RecipientsAsync(app, roundtable.Id);
        Assert.Equal(5, messages.Count);
        Assert.Equal(5, messages.Select(m => InvitationTestData.Token(m)).Distinct().Count());
        foreach (var message in messages)
        {
            var recipient = recipients.Single(r => r.Id == message.InvitationRecipientId);
            Assert.Equal(message.ToAddress, recipient.Email);
            Assert.Contains($"Dear {recipient.Name},", message.TextBody, StringComparison.Ordinal);
            Assert.Equal(InvitationToken.Hash(InvitationTestData.Token(message)), recipient.TokenHash);
            Assert.Equal("REQUEST", message.CalendarMethod);
            Assert.Contains(PersonalCalendars.Uid(roundtable.Id, recipient.Email), message.CalendarContent, StringComparison.Ordinal);
        }
    }

    private static async Task<Core.Common.CommandResult<InvitesQueued>> SendAsync(TestApp app, int roundtableId, int[] contactIds)
    {
        await Task.Yield();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvitationService>().SendInvitationsAsync(roundtableId, contactIds, CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the send to queue for the write lock");
            await Task.Delay(10);
        }
    }
}
