namespace RoundtableManager.Core.Jobs;

/// <summary>
/// Holds back the runs that catch up at start (the sender's and the reminder sweep's) until the app has answered its
/// first request, or <see cref="MaxWait"/> after the jobs were registered, whichever comes first. Their first runs are
/// dozens of first queries, and on two cores they otherwise compete with the first request of every start (bench rows
/// 6 and 6b). Recurring schedules are registered at once; only the catch-up run waits. A dead instance's claims are
/// freed at once when its process is known dead on this machine (its lock file, <see cref="Email.OutboxHeartbeat"/>),
/// otherwise <see cref="Email.OutboxHeartbeat.StaleAfter"/> after its last heartbeat: this wait delays either by at
/// most <see cref="MaxWait"/>, and the 5-s wake-up takes them without waiting for it.
/// </summary>
public sealed class StartupJobsGate
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _opened.Task.IsCompleted;

    /// <summary>Called once the first request has been answered.</summary>
    public void Open() => _opened.TrySetResult();

    /// <summary>
    /// Completes when the gate opens or <see cref="MaxWait"/> of real time has passed (not the app's clock, which tests
    /// stop); false only when cancelled.
    /// </summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _opened.Task.WaitAsync(MaxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            Open();
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }
}
