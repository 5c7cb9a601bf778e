using Hangfire;
using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Email;

/// <summary>
/// The Hangfire job that wakes the outbox sender. It takes no arguments: the outbox table says what to send, so a job
/// that runs twice or late only finds less to do (Hangfire is at-least-once; the claims in OutboxSender make that safe).
/// </summary>
public sealed class OutboxSenderJob(OutboxSender sender)
{
    public const string RecurringJobId = "outbox-sender";

    // No Hangfire retries: the next run (at most a minute away) is the retry, with the outbox's own back-off.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.SendDueAsync(cancellationToken);
}

/// <summary>
/// Enqueues a sender run (or, when one is going on in this process, asks it to look again); used after a commit that
/// queued email, and after a retry from the email log.
/// </summary>
public sealed partial class HangfireOutboxTrigger(IBackgroundJobClient jobs, OutboxHeartbeat heartbeat, ILogger<HangfireOutboxTrigger> logger) : IOutboxTrigger
{
    public void RunSoon()
    {
        if (!heartbeat.AskRunningSenderToLookAgain())
        {
            RunBeside();
        }
    }

    public void RunBeside()
    {
        try
        {
            jobs.Enqueue<OutboxSenderJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Called after the caller's commit: failing here would report a saved change as failed. The sweep sends it.
            LogEnqueueFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue an outbox sender run; the recurring sweep will send the email")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception);
}
