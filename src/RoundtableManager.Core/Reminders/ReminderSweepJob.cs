using Hangfire;
using Microsoft.Extensions.Hosting;

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

/// <summary>Registers the sweep every minute, and runs it once at start so a restart catches up at once.</summary>
internal sealed class ReminderSweepRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReminderSweepJob>(ReminderSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.Enqueue<ReminderSweepJob>(job => job.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
