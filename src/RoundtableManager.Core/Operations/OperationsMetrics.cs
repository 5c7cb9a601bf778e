using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RoundtableManager.Core.Operations;

/// <summary>
/// The application's own metrics (meter "RoundtableManager"). Labels are kinds and outcomes only: never an address,
/// a name, an id or a token (a test scans every label). Counted where the event happens, one line each.
/// </summary>
public static class OperationsMetrics
{
    public const string MeterName = "RoundtableManager";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> EmailsQueued = Meter.CreateCounter<long>("roundtable.emails.queued", "{email}", "Emails written to the outbox, by kind");
    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("roundtable.emails.sent", "{email}", "Emails the mail server accepted, by kind");
    private static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>("roundtable.emails.failed", "{email}", "Emails given up on, by kind");
    private static readonly Histogram<double> SweepDuration = Meter.CreateHistogram<double>("roundtable.reminders.sweep.duration", "s", "How long one reminder sweep took");
    private static readonly Counter<long> ReminderOutcomes = Meter.CreateCounter<long>("roundtable.reminders.outcomes", "{reminder}", "Due reminders by outcome (sent, skipped, missed, failed)");
    private static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>("roundtable.signin.failures", "{attempt}", "Failed sign-ins (password or security code)");
    private static readonly Counter<long> SignInLockouts = Meter.CreateCounter<long>("roundtable.signin.lockouts", "{attempt}", "Sign-ins refused because the account is locked");
    private static readonly Counter<long> Answers = Meter.CreateCounter<long>("roundtable.answers", "{answer}", "Invitation answers, by kind");
    private static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("roundtable.import.rows", "{row}", "Supplier CSV rows imported, by outcome");

    public static void EmailQueued(string kind) => EmailsQueued.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void EmailSent(string kind) => EmailsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void EmailFailed(string kind) => EmailsFailed.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Runs one sweep, recording its duration and each outcome's count.</summary>
    public static async Task<ReminderSweepResult> MeasureSweepAsync(Func<Task<ReminderSweepResult>> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var started = Stopwatch.GetTimestamp();
        var outcome = "completed";
        try
        {
            var result = await sweep();
            Outcome("sent", result.Sent);
            Outcome("skipped", result.Skipped);
            Outcome("missed", result.Missed);
            Outcome("failed", result.Failed);
            return result;
        }
        catch
        {
            outcome = "error";
            throw;
        }
        finally
        {
            SweepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Audit actions that are also metrics: failed sign-ins, lockouts and answers.</summary>
    public static void Audited(string action)
    {
        switch (action)
        {
            case "SignIn.Failed":
                SignInFailures.Add(1);
                break;
            case "SignIn.LockedOut":
                SignInLockouts.Add(1);
                break;
            case "Rsvp.Accepted" or "Rsvp.Declined" or "Rsvp.DelegatesChanged":
                Answers.Add(1, new KeyValuePair<string, object?>("kind", action["Rsvp.".Length..].ToLowerInvariant()));
                break;
        }
    }

    public static void Imported<T>(IEnumerable<T> rowOutcomes)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(rowOutcomes);
        foreach (var group in rowOutcomes.GroupBy(o => o))
        {
            ImportRows.Add(group.Count(), new KeyValuePair<string, object?>("outcome", group.Key.ToString().ToLowerInvariant()));
        }
    }

    private static void Outcome(string outcome, int count)
    {
        if (count > 0)
        {
            ReminderOutcomes.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
