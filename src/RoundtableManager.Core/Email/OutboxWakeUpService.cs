using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Email;

/// <summary>
/// Wakes the sender within seconds, not at the minute's sweep, when something becomes due while no run is going on here:
/// a retry whose time has come, the claims of an instance found dead (at once when it died on this machine, else about
/// <see cref="OutboxHeartbeat.StaleAfter"/> after its last heartbeat; while runs are going on here, in a run of their own),
/// and, once an SMTP server that could not be reached answers again, every retry that was waiting for it. Only where the
/// job server runs (it is what the trigger feeds).
/// </summary>
public sealed partial class OutboxWakeUpService(
    OutboxHeartbeat heartbeat,
    IOutboxTrigger trigger,
    IEmailTransport transport,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<OutboxWakeUpService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>How often a server that could not be reached is tried again with a bare connection.</summary>
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(10);

    private DateTime _lastProbeUtc;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await ServerBackAsync(stoppingToken) || (!heartbeat.Sending && heartbeat.ServerUnreachableSinceUtc is null && await AnythingDueAsync(stoppingToken)))
                {
                    trigger.RunSoon();
                }
                else if (heartbeat.Sending && heartbeat.ServerUnreachableSinceUtc is null && await AbandonedAsync(stoppingToken))
                {
                    // The runs going on here may be deep in a large queue: a dead instance's claims get a run of their own,
                    // which takes them first, rather than waiting for a running one to reach its next batch.
                    trigger.RunBeside();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                LogWakeUpFailed(logger, ex);
            }
        }
    }

    private async Task<bool> AbandonedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await heartbeat.ForgetDeadHoldersAsync(db, cancellationToken);
        return await OutboxSender.Abandoned(db, now, heartbeat.InstanceId).AnyAsync(cancellationToken);
    }

    private async Task<bool> AnythingDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now, cancellationToken))
        {
            return true;
        }

        await heartbeat.ForgetDeadHoldersAsync(db, cancellationToken);
        return await OutboxSender.Abandoned(db, now, heartbeat.InstanceId).AnyAsync(cancellationToken);
    }

    /// <summary>
    /// While the server is known to be unreachable, tries a bare connection every <see cref="ProbeEvery"/>; when one
    /// succeeds, retries waiting on their back-off become due now (the back-off was for the server, which is back).
    /// </summary>
    private async Task<bool> ServerBackAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (heartbeat.ServerUnreachableSinceUtc is null || heartbeat.Sending || now - _lastProbeUtc < ProbeEvery)
        {
            return false;
        }

        _lastProbeUtc = now;
        try
        {
            await using var connection = await transport.ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return false;
        }

        heartbeat.ServerUnreachableSinceUtc = null;
        var latest = now + OutboxSender.MaxRetryDelay;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
            .Where(m => m.Status == OutboxStatus.Queued && m.Attempts > 0 && m.NextAttemptUtc > now && m.NextAttemptUtc <= latest)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, now), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox wake-up check failed; the minute's sweep still runs")]
    private static partial void LogWakeUpFailed(ILogger logger, Exception exception);
}
