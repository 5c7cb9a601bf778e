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
    public static Task<long> InsertClaimedAsync(this TestApp app, string to, Guid instance, DateTime leaseUntil) =>
        app.InsertOutboxRowAsync(to, OutboxStatus.Sending, leaseUntil, TimeSpan.FromMinutes(1), instance);

    /// <summary>
    /// An invitation email row written straight to the outbox, queued <paramref name="age"/> ago, in
    /// <paramref name="status"/>; with <paramref name="claimedBy"/>, claimed by that sender instance.
    /// </summary>
    public static async Task<long> InsertOutboxRowAsync(
        this TestApp app, string to, OutboxStatus status, DateTime? claimExpires, TimeSpan age, Guid? claimedBy = null)
    {
        var queued = app.Clock.GetUtcNow().UtcDateTime - age;
        var row = new OutboxMessage
        {
            Kind = "Invitation",
            ToAddress = to,
            Subject = "Invitation",
            TextBody = "Text",
            HtmlBody = "<p>Text</p>",
            Status = status,
            ClaimExpiresUtc = claimExpires,
            ClaimToken = claimedBy is null ? null : Guid.NewGuid(),
            ClaimedBy = claimedBy,
            CreatedUtc = queued,
            NextAttemptUtc = queued,
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
