namespace RoundtableManager.Tests.Email;

/// <summary>IEmailOutbox.EnqueueManyAsync, the bulk path of a large send: same rows as Enqueue, same all-or-nothing.</summary>
[Collection(SharedHosts.Smtp)]
public sealed class EmailOutboxBulkTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    private const string Calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";

    private TestApp App => fixture.App;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EnqueueMany_WritesTheSameRowsAsEnqueueAndTheSenderDeliversThem()
    {
        var draft = EmailTestExtensions.Draft("one@supplier.example") with
        {
            CalendarContent = Calendar,
            CalendarMethod = "REQUEST",
            DedupeKey = "bulk-test-1",
            NotBeforeUtc = App.Clock.GetUtcNow().UtcDateTime.AddSeconds(-5),
        };
        // What Enqueue would write for the same draft (never saved).
        OutboxMessage expected;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            expected = scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(draft);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueManyAsync(
                [draft, EmailTestExtensions.Draft("two@supplier.example", name: null)], CancellationToken.None);
            await transaction.CommitAsync();
        }

        var rows = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        var row = rows[0];
        expected.Id = row.Id;
        // The normalised address is computed and stored by the database (never set by the app), for both paths alike.
        Assert.Equal(expected.ToAddress.ToUpperInvariant(), row.NormalisedToAddress);
        typeof(OutboxMessage).GetProperty(nameof(OutboxMessage.NormalisedToAddress))!.SetValue(expected, row.NormalisedToAddress);
        Assert.Equivalent(expected, row, strict: true);
        Assert.Null(rows[1].ToName);
        Assert.Equal(OutboxStatus.Queued, rows[1].Status);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, rows[1].NextAttemptUtc);
        Assert.Equal(DateTimeKind.Utc, rows[1].CreatedUtc.Kind);

        Assert.Equal(new OutboxRunResult(2, 0, 0), await App.RunSenderAsync());
        Assert.Equal(2, (await fixture.Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(5))).Count);
    }

    [Fact]
    public async Task EnqueueMany_RolledBackOrOutsideATransaction_LeavesNoRow()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.EnqueueManyAsync([EmailTestExtensions.Draft("alone@supplier.example")], CancellationToken.None));

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await outbox.EnqueueManyAsync([EmailTestExtensions.Draft("rolledback@supplier.example")], CancellationToken.None);
            Assert.Equal(1, await db.OutboxMessages.CountAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());
        Assert.Empty(fixture.Smtp.Messages);
    }
}
