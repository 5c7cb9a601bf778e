namespace RoundtableManager.Tests.Email;

/// <summary>What another sender instance leaves in the database: its heartbeat row, and the rows it claimed when it was killed.</summary>
internal static class DeadSenders
{
    public static async Task<Guid> AddInstanceAsync(this TestApp app, DateTime heartbeat)
    {
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.OutboxSenders.Add(new OutboxSenderInstance { Id = id, StartedUtc = heartbeat.AddMinutes(-1), HeartbeatUtc = heartbeat });
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A row the instance claimed before it was killed: Sending, its id, a lease still running.</summary>
    public static async Task<long> InsertClaimedAsync(this TestApp app, string to, Guid instance, DateTime leaseUntil)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            Kind = "Invitation",
            ToAddress = to,
            Subject = "Invitation",
            TextBody = "Text",
            HtmlBody = "<p>Text</p>",
            Status = OutboxStatus.Sending,
            ClaimExpiresUtc = leaseUntil,
            ClaimToken = Guid.NewGuid(),
            ClaimedBy = instance,
            CreatedUtc = now.AddMinutes(-1),
            NextAttemptUtc = now.AddMinutes(-1),
        };
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
        });
        return row.Id;
    }

    /// <summary>
    /// What kill -9 leaves of an instance on this machine: its lock file, which the kernel no longer holds for anyone
    /// (<see cref="OutboxSenderLocks"/>).
    /// </summary>
    public static async Task LeaveLockOfKilledProcessAsync(this TestApp app, Guid instance) =>
        await File.WriteAllBytesAsync(app.Services.GetRequiredService<OutboxSenderLocks>().PathFor(instance), []);
}
