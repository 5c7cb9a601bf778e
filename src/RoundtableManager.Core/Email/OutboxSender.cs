using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using RoundtableManager.Core.Data;

namespace RoundtableManager.Core.Email;

public sealed record OutboxRunResult(int Sent, int Retrying, int Failed);

/// <summary>
/// Sends due outbox rows. The delivery guarantee is at-least-once: a message is never lost, and is sent at most once
/// more than needed even if the process dies between the server's acceptance and the row being marked Sent.
/// <list type="bullet">
/// <item>Each row is claimed with a conditional update (Queued and due, or Sending with a lapsed claim); only the
/// sender whose update changed the row sends it, so two senders never send the same row at the same time.</item>
/// <item>A row is marked Sent straight after the server accepts it. If the process dies in between, the row stays in
/// Sending until its claim lapses, then the next run sends it again: that one extra copy (same Message-ID) is the
/// "at most once more".</item>
/// <item>Transient failures (4xx, timeouts, refused connections, socket errors) go back to Queued with a growing delay
/// until <see cref="EmailOptions.MaxAttempts"/>; permanent ones (5xx) are Failed at once with the server's reply.</item>
/// </list>
/// Logs carry row ids only: never bodies, links or tokens.
/// </summary>
public sealed partial class OutboxSender(
    AppDbContext db,
    IEmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private EmailOptions Options => options.Value;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Longer than one connect plus one send can take, so a live sender never loses its claim.</summary>
    public TimeSpan ClaimDuration => TimeSpan.FromSeconds(2 * Options.Smtp.TimeoutSeconds) + TimeSpan.FromMinutes(2);

    /// <summary>1, 2, 4, 8 ... minutes after each failed attempt, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        attempts >= 7 ? MaxRetryDelay : TimeSpan.FromMinutes(Math.Min(MaxRetryDelay.TotalMinutes, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends everything due, one connection per batch of <see cref="EmailOptions.BatchSize"/>.</summary>
    public async Task<OutboxRunResult> SendDueAsync(CancellationToken cancellationToken)
    {
        var tally = new Tally();
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = await FindDueAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var claimed = await SendBatchAsync(due, tally, cancellationToken);
            if (claimed == 0 || due.Count < Options.BatchSize)
            {
                break;
            }
        }

        return new OutboxRunResult(tally.Sent, tally.Retrying, tally.Failed);
    }

    private async Task<List<long>> FindDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        return await Due(db.OutboxMessages.AsNoTracking(), now)
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Options.BatchSize)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> rows, DateTime now) =>
        rows.Where(m => (m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now)
                     || (m.Status == OutboxStatus.Sending && m.ClaimExpiresUtc < now));

    private async Task<int> SendBatchAsync(List<long> ids, Tally tally, CancellationToken cancellationToken)
    {
        var claimed = 0;
        IEmailConnection? connection = null;
        Failure? connectionFailure = null;
        try
        {
            foreach (var id in ids)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var claim = await ClaimAsync(id, cancellationToken);
                if (claim is null)
                {
                    continue;
                }

                claimed++;
                var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
                if (connectionFailure is not null)
                {
                    // The server could not be reached for an earlier row: the rest of the batch backs off the same way.
                    await RecordFailureAsync(row, claim.Value, connectionFailure, tally);
                    continue;
                }

                MimeMessage message;
                try
                {
                    message = EmailMessageFactory.Build(row, Options, time.GetUtcNow());
                }
                catch (Exception ex) when (ex is ParseException or FormatException or ArgumentException)
                {
                    await RecordFailureAsync(row, claim.Value, new Failure(true, "The message could not be built: " + ex.Message), tally);
                    continue;
                }

                if (connection is null || !connection.IsUsable)
                {
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    try
                    {
                        connection = await transport.ConnectAsync(cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Classify(ex) is { } failure)
                    {
                        connectionFailure = failure with { Permanent = false };
                        await RecordFailureAsync(row, claim.Value, connectionFailure, tally);
                        continue;
                    }
                }

                try
                {
                    await connection.SendAsync(message, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(id, claim.Value);
                    throw;
                }
                catch (Exception ex) when (Classify(ex) is { } failure)
                {
                    await RecordFailureAsync(row, claim.Value, failure, tally);
                    continue;
                }

                await MarkSentAsync(id, claim.Value);
                tally.Sent++;
                LogSent(logger, id, row.Kind);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return claimed;
    }

    /// <summary>The compare-and-set: returns the claim's expiry when this sender now owns the row, otherwise null.</summary>
    private async Task<DateTime?> ClaimAsync(long id, CancellationToken cancellationToken)
    {
        var now = Now;
        var claimUntil = now + ClaimDuration;
        var changed = await Due(db.OutboxMessages.Where(m => m.Id == id), now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimExpiresUtc, claimUntil),
                cancellationToken);
        return changed == 1 ? claimUntil : null;
    }

    private IQueryable<OutboxMessage> Owned(long id, DateTime claim) =>
        db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Sending && m.ClaimExpiresUtc == claim);

    // Recording the outcome ignores shutdown: once the server has answered, that answer must reach the row.
    private async Task MarkSentAsync(long id, DateTime claim)
    {
        var now = Now;
        await Owned(id, claim).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentUtc, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null),
            CancellationToken.None);
    }

    private async Task RecordFailureAsync(OutboxMessage row, DateTime claim, Failure failure, Tally tally)
    {
        var attempts = row.Attempts + 1;
        var error = failure.Error.Length > 2000 ? failure.Error[..2000] : failure.Error;
        if (failure.Permanent || attempts >= Options.MaxAttempts)
        {
            await Owned(row.Id, claim).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, OutboxStatus.Failed)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null)
                    .SetProperty(m => m.LastError, error),
                CancellationToken.None);
            tally.Failed++;
            LogFailed(logger, row.Id, attempts, error);
            return;
        }

        var next = Now + RetryDelay(attempts);
        await Owned(row.Id, claim).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, OutboxStatus.Queued)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, error),
            CancellationToken.None);
        tally.Retrying++;
        LogRetrying(logger, row.Id, attempts, next, error);
    }

    private async Task ReleaseAsync(long id, DateTime claim) =>
        await Owned(id, claim).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null),
            CancellationToken.None);

    /// <summary>5xx replies are permanent; everything the network or a 4xx reply can cause is worth another try.</summary>
    internal static Failure? Classify(Exception exception) => exception switch
    {
        SmtpCommandException command => new Failure((int)command.StatusCode >= 500, $"{(int)command.StatusCode} {command.Message}"),
        SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
            or SslHandshakeException or SocketException or IOException or TimeoutException or OperationCanceledException
            => new Failure(false, exception.Message),
        _ => new Failure(false, exception.GetType().Name + ": " + exception.Message),
    };

    internal sealed record Failure(bool Permanent, string Error);

    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Retrying { get; set; }

        public int Failed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Kind}) sent")]
    private static partial void LogSent(ILogger logger, long id, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogFailed(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} will be retried (attempt {Attempts} failed; next at {NextAttemptUtc:o}): {Error}")]
    private static partial void LogRetrying(ILogger logger, long id, int attempts, DateTime nextAttemptUtc, string error);
}
