namespace RoundtableManager.Tests.Engagement;

/// <summary>
/// Issue #22: a message to a roundtable's people renders its emails before its write transaction, so the write lock is
/// held for the writes only; what changes while it waits for its turn is what the emails say.
/// Each test makes its own roundtable and reads only its emails, so the class shares the invitations host (moving its clock a
/// minute, as a shared host allows).
/// </summary>
[Collection(SharedHosts.Invitations)]
public sealed class RoundtableMessageRenderAheadTests(TestApp app)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_WhileWaitingForTheWriteLock_EmailsRenderedAheadAreUsedUnlessTheRoundtableChanged(bool renamed)
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Waiting");
        var author = new MessageAuthor(null, "Olive Organiser");
        var draft = await WithMessagesAsync(app, m => m.SaveDraftAsync(roundtable.Id, null, new MessageInput("Joining instructions", "Arrive by 9:30.", MessageGroups.NoReply), author, CancellationToken.None));
        var fingerprint = RoundtableMessages.Fingerprint(await WithMessagesAsync(app, m => m.RecipientsAsync(roundtable.Id, MessageGroups.NoReply, CancellationToken.None)));
        var gate = await app.WithDbAsync(db => Task.FromResult(SqliteWriteGate.For(db.Database.GetConnectionString()!)));
        var rendered = app.Clock.GetUtcNow().UtcDateTime;

        // Another writer holds the turn, so the send renders its emails and then waits for its transaction.
        await gate.EnterAsync(Guard, CancellationToken.None);
        Task<CommandResult<int>> send;
        try
        {
            send = WithMessagesAsync(app, m => m.SendAsync(roundtable.Id, draft.Value, fingerprint, author, CancellationToken.None));
            await WaitUntilAsync(() => gate.Waiting == 1);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            if (renamed)
            {
                await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Title, "Renamed roundtable")));
            }
        }
        finally
        {
            gate.Exit();
        }

        var result = await send.WaitAsync(Guard);

        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.Equal(2, result.Value);
        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RoundtableId == roundtable.Id && m.Kind == RoundtableMessages.EmailKind).ToListAsync());
        Assert.Equal(invited.Contacts.Select(c => c.Email).Order(StringComparer.Ordinal), emails.Select(e => e.ToAddress).Order(StringComparer.Ordinal));
        // Rendered ahead: stamped with the time before the wait; rendered again inside the transaction: after it.
        Assert.All(emails, e => Assert.Equal(renamed ? rendered.AddMinutes(1) : rendered, e.CreatedUtc, TimeSpan.FromSeconds(1)));
        Assert.All(emails, e => Assert.Contains(renamed ? "Renamed roundtable" : roundtable.Title, e.TextBody, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains("Arrive by 9:30.", e.TextBody, StringComparison.Ordinal));
    }

    private static async Task<T> WithMessagesAsync<T>(TestApp app, Func<RoundtableMessages, Task<T>> work)
    {
        await Task.Yield();
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RoundtableMessages>());
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
