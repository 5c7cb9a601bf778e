using Microsoft.EntityFrameworkCore.Query;

namespace RoundtableManager.Core.Email;

/// <summary>The sender's claims: taking a batch, what it owns, renewing and releasing it.</summary>
public sealed partial class OutboxSender
{
    /// <summary>
    /// The compare-and-set for a whole batch: UPDATEs of the first due rows that re-check each is still due, so a row
    /// another sender claimed in between is left alone. Rows whose claim lapsed (a sender died: on this machine known at
    /// once from its lock file, elsewhere from its silent heartbeat) go first; queued rows
    /// are taken in (Status, NextAttemptUtc) index order, so no sort of the whole queue. Returns null when nothing was claimed.
    /// </summary>
    private async Task<Claim?> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        using var turn = await SqliteWriteGate.TurnAsync(db, cancellationToken);
        await heartbeat.ForgetDeadHoldersAsync(db, cancellationToken);
        var now = Now;
        var claim = new Claim(Guid.NewGuid(), now + ClaimDuration, heartbeat.InstanceId);
        var lapsed = Abandoned(now).OrderBy(m => m.Id).Select(m => m.Id).Take(Options.BatchSize);
        // Read first: an UPDATE takes SQLite's write lock even when it changes nothing, and there is rarely anything here.
        var changed = await lapsed.AnyAsync(cancellationToken)
            ? await Abandoned(now).Where(m => lapsed.Contains(m.Id)).ExecuteUpdateAsync(s => TakeClaim(s, claim), cancellationToken)
            : 0;
        if (changed < Options.BatchSize)
        {
            var queued = db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now)
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id).Select(m => m.Id).Take(Options.BatchSize - changed);
            changed += await db.OutboxMessages
                .Where(m => queued.Contains(m.Id) && m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now)
                .ExecuteUpdateAsync(s => TakeClaim(s, claim), cancellationToken);
        }

        return changed == 0 ? null : claim;
    }

    /// <summary>
    /// Rows in Sending that nobody alive is sending: the lease lapsed, or the instance holding the claim has not stamped
    /// its heartbeat for <see cref="OutboxHeartbeat.StaleAfter"/> (it died; it would have stopped sending well before).
    /// </summary>
    private IQueryable<OutboxMessage> Abandoned(DateTime now) => Abandoned(db, now, heartbeat.InstanceId);

    public static IQueryable<OutboxMessage> Abandoned(AppDbContext db, DateTime now, Guid me)
    {
        ArgumentNullException.ThrowIfNull(db);
        var alive = now - OutboxHeartbeat.StaleAfter;
        return db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending
            && (m.ClaimExpiresUtc < now
                || (m.ClaimedBy != null && m.ClaimedBy != me && !db.OutboxSenders.Any(s => s.Id == m.ClaimedBy && s.HeartbeatUtc >= alive))));
    }

    private static void TakeClaim(UpdateSettersBuilder<OutboxMessage> setters, Claim claim) =>
        setters.SetProperty(m => m.Status, OutboxStatus.Sending)
            .SetProperty(m => m.ClaimExpiresUtc, claim.Until)
            .SetProperty(m => m.ClaimToken, claim.Token)
            .SetProperty(m => m.ClaimedBy, claim.Instance);

    private IQueryable<OutboxMessage> Owned(Claim claim) =>
        db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.ClaimToken == claim.Token);

    private IQueryable<OutboxMessage> Owned(long id, Claim claim) => Owned(claim).Where(m => m.Id == id);

    private async Task RenewIfLapsingAsync(Claim claim)
    {
        var now = Now;
        if (claim.Until - now >= RenewWhenLeft)
        {
            return;
        }

        var until = now + ClaimDuration;
        using var turn = await SqliteWriteGate.TurnAsync(db, CancellationToken.None);
        await Owned(claim).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimExpiresUtc, until), CancellationToken.None);
        claim.Until = until;
    }

    /// <summary>Puts the rows of the batch that were not tried back in the queue, due at once.</summary>
    private async Task ReleaseAsync(Claim claim)
    {
        using var turn = await SqliteWriteGate.TurnAsync(db, CancellationToken.None);
        await Owned(claim).ExecuteUpdateAsync(s => Unclaimed(s).SetProperty(m => m.Status, OutboxStatus.Queued), CancellationToken.None);
    }

    /// <summary>Ends the claim in the statement that records the row's outcome, so no sender holds a row it has finished with.</summary>
    private static UpdateSettersBuilder<OutboxMessage> Unclaimed(UpdateSettersBuilder<OutboxMessage> setters) =>
        setters.SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null)
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.ClaimedBy, (Guid?)null);

    private sealed class Claim(Guid token, DateTime until, Guid instance)
    {
        public Guid Token { get; } = token;

        public Guid Instance { get; } = instance;

        public DateTime Until { get; set; } = until;
    }
}
