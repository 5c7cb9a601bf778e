using Hangfire;

namespace RoundtableManager.Core.Reminders;

/// <summary>
/// The one recurring Hangfire job for reminders. It takes no arguments: the database says what is due, so a run that
/// is repeated, late or concurrent with another only finds less to do.
/// </summary>
public sealed class ReminderSweepJob(ReminderSweep sweep)
{
    public const string RecurringJobId = "reminder-sweep";

    // No Hangfire retries: the next minute's run is the retry.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken) => await Operations.OperationsMetrics.MeasureSweepAsync(() => sweep.RunAsync(cancellationToken));
}
