using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Reminders;

public sealed record ReminderSweepResult(int Sent, int Skipped, int Missed, int Failed);

/// <summary>
/// Works out from the database what is due and gives each due reminder exactly one outcome: Sent (an outbox row and a
/// log row, committed together), Skipped (its condition no longer holds) or Missed (found too late to send).
/// <list type="bullet">
/// <item>Hangfire is at-least-once and two instances may sweep at the same moment: the unique DedupeKey on the log (and
/// on the outbox) refuses the second insert, so a reminder goes once. Each reminder is its own SaveChanges, so one
/// failure stops nothing else.</item>
/// <item>Hangfire runs late jobs after downtime: every reminder is re-checked just before it is written, and one found
/// more than Reminders:MissedAfterHours after its time is logged as missed, never sent days late.</item>
/// <item>Nothing is scheduled ahead: a moved date, an answer or a cancellation simply changes what the next sweep finds.</item>
/// </list>
/// </summary>
public sealed partial class ReminderSweep(
    AppDbContext db,
    IEnumerable<IReminderSource> sources,
    IEmailOutbox outbox,
    IOptions<RemindersOptions> options,
    TimeProvider time,
    ILogger<ReminderSweep> logger)
{
    public async Task<ReminderSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var tally = new int[4];
        foreach (var source in sources)
        {
            await SweepAsync(source, now, tally, cancellationToken);
        }

        return new(tally[0], tally[1], tally[2], tally[3]);
    }

    private async Task SweepAsync(IReminderSource source, DateTime now, int[] tally, CancellationToken cancellationToken)
    {
        var kind = source.Kind;
        var candidates = await source.FindAsync(ReminderQuery.DueNow(kind, now), cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        var settings = await ReminderSettingsStore.LoadAsync(db, kind, candidates.Select(c => c.RoundtableId).Distinct().ToList(), cancellationToken);
        var due = PlannedReminder.Plan(kind, candidates, settings, options.Value).Where(p => p.Applies && p.DueUtc <= now).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var keys = due.Select(p => p.Key).ToList();
        var settled = await db.ReminderLogs.AsNoTracking().Where(l => keys.Contains(l.DedupeKey)).Select(l => l.DedupeKey).ToListAsync(cancellationToken);
        foreach (var reminder in due.ExceptBy(settled, p => p.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var outcome = await SettleAsync(source, reminder, now, cancellationToken);
                tally[(int)outcome]++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                if (await db.ReminderLogs.AnyAsync(l => l.DedupeKey == reminder.Key, cancellationToken))
                {
                    // Another sweep settled it first: the unique key did its job.
                    continue;
                }

                tally[3]++;
                LogFailed(logger, ex, kind.Code, reminder.Candidate.RecipientId);
            }
        }
    }

    private async Task<ReminderOutcome> SettleAsync(IReminderSource source, PlannedReminder reminder, DateTime now, CancellationToken cancellationToken)
    {
        var candidate = reminder.Candidate;
        var log = new ReminderLog
        {
            Kind = source.Kind.Code,
            RoundtableId = candidate.Roundtable,
            TargetId = candidate.TargetId,
            TargetName = Truncate(candidate.TargetName, 200),
            RecipientId = candidate.RecipientId,
            RecipientName = Truncate(candidate.RecipientName, 200),
            OffsetDays = reminder.OffsetDays,
            DueUtc = reminder.DueUtc,
            RecordedUtc = now,
            DedupeKey = reminder.Key,
        };
        if (now - reminder.DueUtc > options.Value.MissedAfter)
        {
            log.Outcome = ReminderOutcome.Missed;
            log.Reason = string.Create(CultureInfo.InvariantCulture,
                $"Not sent: it was due {UkTime.Format(reminder.DueUtc)} and was found more than {Plural.Count(options.Value.MissedAfterHours, "hour")} later");
        }
        else if (await source.RecheckAsync(candidate, now, cancellationToken) is { } reason)
        {
            log.Outcome = ReminderOutcome.Skipped;
            log.Reason = Truncate(reason, ReminderLog.ReasonMaxLength);
        }
        else
        {
            var draft = await source.ComposeAsync(candidate, cancellationToken);
            log.Outcome = ReminderOutcome.Sent;
            log.OutboxMessage = outbox.Enqueue(draft with { Kind = source.Kind.Code, DedupeKey = reminder.Key, RoundtableId = candidate.Roundtable });
        }

        db.ReminderLogs.Add(log);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return log.Outcome;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Kind} to recipient {RecipientId} could not be settled; the next sweep tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, int recipientId);
}
