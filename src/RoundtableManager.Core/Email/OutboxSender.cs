using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace RoundtableManager.Core.Email;

/// <summary>
/// Sends due outbox rows. The delivery guarantee is at-least-once: a message is never lost, and is sent at most once
/// more than needed even if the process dies between the server's acceptance and the row being marked Sent.
/// <list type="bullet">
/// <item>A batch of rows is claimed with one conditional update (Queued and due, or Sending with a lapsed claim) that
/// stamps them with a fresh claim token and a lease; only rows carrying this run's token are sent, so two senders
/// never send the same row at the same time. A long batch renews its lease well before it lapses.</item>
/// <item>Accepted rows are marked Sent in small groups (<see cref="MarkSentGroupSize"/>). If the process dies before a
/// group is marked, those rows stay in Sending until the lease lapses, then the next run sends them again: that one
/// extra copy each (same Message-ID) is the "at most once more".</item>
/// <item>Transient failures (4xx, timeouts, refused connections, socket errors) go back to Queued with a growing delay
/// until <see cref="EmailOptions.MaxAttempts"/>; permanent ones (5xx) are Failed at once with the server's reply.</item>
/// </list>
/// Logs carry row ids only: never bodies, links or tokens. Personal links are put back into the message only as it is
/// built, and are wiped from the row in the update that marks it Sent or Failed (see <see cref="WithheldLinks"/>).
/// </summary>
public sealed partial class OutboxSender(
    AppDbContext db,
    IEmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    WithheldLinks withheld,
    OutboxHeartbeat heartbeat,
    IOutboxTrigger trigger)
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    /// <summary>
    /// Accepted messages are recorded as Sent once this many are waiting or the oldest has waited this long: the most
    /// a crash can make the next run send again, traded against one database write per message.
    /// </summary>
    public const int MarkSentGroupSize = 100;

    public static readonly TimeSpan MarkSentAfter = TimeSpan.FromSeconds(1);

    private EmailOptions Options => options.Value;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Longer than one connect plus one send can take, so a live sender never loses its claim.</summary>
    public TimeSpan ClaimDuration => TimeSpan.FromSeconds(2 * Options.Smtp.TimeoutSeconds) + TimeSpan.FromMinutes(2);

    /// <summary>A claim with less than this left is renewed before the next send: a connect and a send still fit in it.</summary>
    private TimeSpan RenewWhenLeft => TimeSpan.FromSeconds(2 * Options.Smtp.TimeoutSeconds) + TimeSpan.FromMinutes(1);

    /// <summary>1, 2, 4, 8 ... minutes after each failed attempt, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        attempts >= 7 ? MaxRetryDelay : TimeSpan.FromMinutes(Math.Min(MaxRetryDelay.TotalMinutes, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends everything due, one connection per batch of <see cref="EmailOptions.BatchSize"/>.</summary>
    public async Task<OutboxRunResult> SendDueAsync(CancellationToken cancellationToken)
    {
        using var run = heartbeat.StartRun();
        if (heartbeat.RunsGoingOn > Options.MaxConnections && !await Abandoned(Now).AnyAsync(cancellationToken) && heartbeat.TryLeaveToOthers(run, Options.MaxConnections))
        {
            return new OutboxRunResult(0, 0, 0);
        }

        // A claim or a mark is a few milliseconds per hundred emails: it goes before the other writers waiting (answers, imports).
        using var front = SqliteWriteGate.AtFront();
        await heartbeat.EnsureRegisteredAsync(db, cancellationToken);
        // Sends stop, in flight ones too, when this instance cannot keep its heartbeat (see OutboxHeartbeat).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, heartbeat.Lost);
        var tally = new Tally();
        while (!stop.IsCancellationRequested && !tally.Unreachable)
        {
            var claim = await ClaimBatchAsync(stop.Token);
            if (claim is null)
            {
                // A commit that queued email while this run went on asked it to look again instead of starting a run.
                if (heartbeat.TryEndRun(run))
                {
                    break;
                }

                continue;
            }

            var rows = await Owned(claim).AsNoTracking()
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
                .ToListAsync(stop.Token);
            if (rows.Count == Options.BatchSize && heartbeat.ShouldStartAnotherRun(Options.MaxConnections))
            {
                // A full batch: more is likely due, and another connection beside this one sends it meanwhile.
                trigger.RunBeside();
            }

            await SendBatchAsync(rows, claim, tally, stop.Token);
            // A run started beyond the limit for a dead instance's claims leaves the rest of the queue to the others.
            if ((rows.Count < Options.BatchSize && heartbeat.TryEndRun(run)) || heartbeat.TryLeaveToOthers(run, Options.MaxConnections))
            {
                break;
            }
        }

        return new OutboxRunResult(tally.Sent, tally.Retrying, tally.Failed);
    }

    /// <summary>
    /// Sends the batch on one connection, keeping the wire busy: the next message is built on another thread while the
    /// current one is being sent (building touches no database, so the context is still used by one caller at a time).
    /// </summary>
    private async Task SendBatchAsync(List<OutboxMessage> rows, Claim claim, Tally tally, CancellationToken cancellationToken)
    {
        var accepted = new AcceptedGroup(time);
        IEmailConnection? connection = null;
        SendFailure? connectionFailure = null;
        Task<Built>? nextBuild = null;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var build = nextBuild;
                nextBuild = null;
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (connectionFailure is not null)
                {
                    // The server could not be reached for an earlier row: the rest of the batch backs off the same way.
                    await RecordFailureAsync(row, claim, connectionFailure, tally);
                    continue;
                }

                var built = build is null ? Build(row) : await build;
                if (built.Message is not { } message)
                {
                    await RecordFailureAsync(row, claim, new SendFailure(true, "The message could not be built: " + built.Error), tally);
                    continue;
                }

                await RenewIfLapsingAsync(claim);
                (connection, connectionFailure) = await ConnectedAsync(connection, cancellationToken);
                if (connection is null)
                {
                    tally.Unreachable = true;
                    heartbeat.ServerUnreachableSinceUtc ??= Now;
                    await RecordFailureAsync(row, claim, connectionFailure!, tally);
                    continue;
                }

                heartbeat.ServerUnreachableSinceUtc = null;

                // The next message is built on another thread while this one is on the wire.
                nextBuild = i + 1 < rows.Count ? BuildElsewhere(rows[i + 1]) : null;

                var attempted = Now;
                string reply;
                try
                {
                    reply = await connection.SendAsync(message, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (SendFailure.Classify(ex) is { } failure)
                {
                    await RecordFailureAsync(row, claim, failure, tally);
                    continue;
                }

                if (accepted.Add(new Accepted(row, attempted, reply)))
                {
                    await MarkSentAsync(accepted.Items, claim, tally);
                }
            }
        }
        finally
        {
            await FinishBatchAsync(accepted, connection, claim, tally, cancellationToken);
        }
    }

    /// <summary>Records what the server accepted first (a group whose mark failed too), then returns untried rows to the queue.</summary>
    private async Task FinishBatchAsync(AcceptedGroup accepted, IEmailConnection? connection, Claim claim, Tally tally, CancellationToken cancellationToken)
    {
        await MarkSentAsync(accepted.Items, claim, tally);
        if (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(claim);
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>The open connection if it is still usable, else a new one; no connection and the failure when the server cannot be reached.</summary>
    private async Task<(IEmailConnection? Connection, SendFailure? Failure)> ConnectedAsync(IEmailConnection? connection, CancellationToken cancellationToken)
    {
        if (connection is { IsUsable: true })
        {
            return (connection, null);
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        try
        {
            return (await transport.ConnectAsync(cancellationToken), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && SendFailure.Classify(ex) is { } failure)
        {
            return (null, failure with { Permanent = false });
        }
    }

    private Task<Built> BuildElsewhere(OutboxMessage row) => Task.Run(() => Build(row), CancellationToken.None);

    private Built Build(OutboxMessage row)
    {
        try
        {
            return new Built(EmailMessageFactory.Build(row, Options, time.GetUtcNow(), withheld.Unprotect(row.ProtectedLinks)), null);
        }
        catch (Exception ex) when (ex is ParseException or FormatException or ArgumentException)
        {
            return new Built(null, ex.Message);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or System.Text.Json.JsonException)
        {
            return new Built(null, "its personal link could not be decrypted (were the Data Protection keys replaced?); send a new link instead");
        }
    }

    private sealed record Built(MimeMessage? Message, string? Error);


    private sealed record Accepted(OutboxMessage Row, DateTime AttemptedUtc, string Reply);

    /// <summary>
    /// Messages the server accepted, marked sent together once there are enough of them or the oldest has waited long
    /// enough (on the app's clock, so a test's fake clock makes the groups depend on the count alone).
    /// </summary>
    private sealed class AcceptedGroup(TimeProvider time)
    {
        private long _oldest;

        public List<Accepted> Items { get; } = [];

        /// <summary>Adds one; true when the group is due to be marked sent.</summary>
        public bool Add(Accepted accepted)
        {
            if (Items.Count == 0)
            {
                _oldest = time.GetTimestamp();
            }

            Items.Add(accepted);
            return Items.Count >= MarkSentGroupSize || time.GetElapsedTime(_oldest) >= MarkSentAfter;
        }
    }

    // Recording the outcome ignores shutdown: once the server has answered, that answer must reach the row.
    private async Task MarkSentAsync(List<Accepted> accepted, Claim claim, Tally tally)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        var now = Now;
        var ids = accepted.Select(a => a.Row.Id).ToList();
        await RecordAsync(accepted.Select(a => Attempt(a.Row, a.AttemptedUtc, OutboxAttemptOutcome.Delivered, a.Reply)), () => Owned(claim).Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(
            s => Unclaimed(s).SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.ProtectedLinks, (string?)null)
                .SetProperty(m => m.SentUtc, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastError, (string?)null),
            CancellationToken.None));
        tally.Sent += accepted.Count;
        foreach (var (row, _, _) in accepted)
        {
            LogSent(logger, row.Id, row.Kind);
            Operations.OperationsMetrics.EmailSent(row.Kind);
        }

        accepted.Clear();
    }

    private async Task RecordFailureAsync(OutboxMessage row, Claim claim, SendFailure failure, Tally tally)
    {
        var attempts = row.Attempts + 1;
        var error = failure.Error.Length > OutboxAttempt.ReplyMaxLength ? failure.Error[..OutboxAttempt.ReplyMaxLength] : failure.Error;
        if (failure.Permanent || attempts >= Options.MaxAttempts)
        {
            await RecordAsync([Attempt(row, Now, OutboxAttemptOutcome.Failed, error)], () => Owned(row.Id, claim).ExecuteUpdateAsync(
                s => Unclaimed(s).SetProperty(m => m.Status, OutboxStatus.Failed)
                    .SetProperty(m => m.ProtectedLinks, (string?)null)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error),
                CancellationToken.None));
            tally.Failed++;
            Operations.OperationsMetrics.EmailFailed(row.Kind);
            LogFailed(logger, row.Id, attempts, error);
            return;
        }

        var next = Now + RetryDelay(attempts);
        await RecordAsync([Attempt(row, Now, OutboxAttemptOutcome.WillRetry, error)], () => Owned(row.Id, claim).ExecuteUpdateAsync(
            s => Unclaimed(s).SetProperty(m => m.Status, OutboxStatus.Queued)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.LastError, error),
            CancellationToken.None));
        tally.Retrying++;
        LogRetrying(logger, row.Id, attempts, next, error);
    }

    private static OutboxAttempt Attempt(OutboxMessage row, DateTime attemptedUtc, OutboxAttemptOutcome outcome, string reply) => new()
    {
        OutboxMessageId = row.Id,
        AttemptedUtc = attemptedUtc,
        Outcome = outcome,
        Reply = reply.Length > OutboxAttempt.ReplyMaxLength ? reply[..OutboxAttempt.ReplyMaxLength] : reply,
    };

    /// <summary>Writes the attempts and the row's new state together, so the email log never shows one without the other.</summary>
    private async Task RecordAsync(IEnumerable<OutboxAttempt> attempts, Func<Task<int>> update)
    {
        var list = attempts.ToList();
        await db.InTransactionAsync(async () =>
        {
            await AddAttemptsAsync(list);
            return await update();
        }, CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// On SQLite with one prepared INSERT: EF Core's per-entity pipeline was most of the time a group's mark held the
    /// write lock (and the wire waited for it).
    /// </summary>
    private async Task AddAttemptsAsync(List<OutboxAttempt> attempts)
    {
        if (!db.Database.IsSqlite())
        {
            db.OutboxAttempts.AddRange(attempts.Select(a => new OutboxAttempt { OutboxMessageId = a.OutboxMessageId, AttemptedUtc = a.AttemptedUtc, Outcome = a.Outcome, Reply = a.Reply }));
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        await using var insert = PreparedInsert.Prepare<OutboxAttempt>(db,
            nameof(OutboxAttempt.OutboxMessageId), nameof(OutboxAttempt.AttemptedUtc), nameof(OutboxAttempt.Outcome), nameof(OutboxAttempt.Reply));
        foreach (var a in attempts)
        {
            PreparedInsert.Bind(insert, a.OutboxMessageId, a.AttemptedUtc, (int)a.Outcome, a.Reply);
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Retrying { get; set; }

        public int Failed { get; set; }

        /// <summary>The server could not be reached: the run stops after this batch instead of failing every due row.</summary>
        public bool Unreachable { get; set; }
    }
}
