using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Email;

/// <summary>
/// This app instance as a sender: its id (a fresh one per start), its heartbeat row, and whether it may still send.
/// <list type="bullet">
/// <item>Once the instance has claimed rows, <see cref="OutboxHeartbeatService"/> stamps its row every
/// <see cref="Interval"/>. Another instance takes over the claims of an instance whose stamp is older than
/// <see cref="StaleAfter"/> (a process killed mid-batch), instead of waiting minutes for the lease to lapse.</item>
/// <item>Never two live senders on one row: if this instance cannot stamp its row for <see cref="StopSendingAfter"/>
/// (a database it cannot write to), <see cref="Lost"/> is cancelled, which stops its sends, in flight ones included,
/// before anyone may take its claims. The gap between the two covers the cancellation and the instances' clocks
/// drifting apart (they are compared as UTC times, so servers must keep their clocks synchronised).</item>
/// <item>On one machine there is no need to wait for the stamp to age: each instance holds a lock file while it lives
/// (<see cref="OutboxSenderLocks"/>), and the claims of an instance whose file can be locked are taken at once
/// (<see cref="ForgetDeadHoldersAsync"/>): a restart after kill -9 sends them again within seconds.</item>
/// </list>
/// </summary>
public sealed class OutboxHeartbeat : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan StopSendingAfter = TimeSpan.FromSeconds(14);

    /// <summary>Rows of instances silent this long are removed (their claims, if any, stay free for the taking).</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly OutboxSenderLocks? _locks;
    private readonly SemaphoreSlim _registering = new(1, 1);
    private readonly Lock _gate = new();
    private CancellationTokenSource _lost = new();
    private long _lastBeat;
    private ITimer? _watchdog;
    private int _activeRuns;
    private bool _lookAgain;
    private bool _anotherAsked;

    public OutboxHeartbeat(TimeProvider time, OutboxSenderLocks? locks = null)
    {
        _time = time;
        _locks = locks;
    }

    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>True once this instance has claimed rows (so its heartbeat matters).</summary>
    public bool Registered { get; private set; }

    /// <summary>Cancelled when this instance has not stamped its heartbeat for <see cref="StopSendingAfter"/>.</summary>
    public CancellationToken Lost
    {
        get
        {
            lock (_gate)
            {
                return _lost.Token;
            }
        }
    }

    /// <summary>Sender runs going on in this process now.</summary>
    public bool Sending => RunsGoingOn > 0;

    /// <summary>How many sender runs are going on in this process now.</summary>
    public int RunsGoingOn
    {
        get
        {
            lock (_gate)
            {
                return _activeRuns;
            }
        }
    }

    /// <summary>When the SMTP server last could not be reached (cleared once it can be), for the wake-up loop's probe.</summary>
    public DateTime? ServerUnreachableSinceUtc { get; set; }

    public IDisposable StartRun()
    {
        lock (_gate)
        {
            _activeRuns++;
            _anotherAsked = false;
        }

        return new RunScope(this);
    }

    /// <summary>
    /// When a sender run is going on in this process, asks it to look for due email once more before it ends and returns
    /// true: the commit that queued email needs no run of its own. A run per portal answer claimed and wrote beside the
    /// running ones, taking write turns and processor time from the answers (bench/HISTORY.md, session 8).
    /// </summary>
    public bool AskRunningSenderToLookAgain()
    {
        lock (_gate)
        {
            if (_activeRuns == 0)
            {
                return false;
            }

            _lookAgain = true;
            return true;
        }
    }

    /// <summary>
    /// Ends a run that found nothing more to send, unless it was asked to look again meanwhile (then false, and it looks):
    /// decided under one lock with <see cref="AskRunningSenderToLookAgain"/>, so no request falls between the two.
    /// </summary>
    public bool TryEndRun(IDisposable run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (_lookAgain)
            {
                _lookAgain = false;
                return false;
            }

            ((RunScope)run).EndLocked();
            return true;
        }
    }

    /// <summary>
    /// Ends a run that has just started when more than <paramref name="most"/> are going on here (the minute's sweep, the
    /// run at start): those going on look again instead, decided under the same lock as their ending, so nothing is missed.
    /// </summary>
    public bool TryLeaveToOthers(IDisposable run, int most)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (_activeRuns <= most)
            {
                return false;
            }

            _lookAgain = true;
            ((RunScope)run).EndLocked();
            return true;
        }
    }

    /// <summary>
    /// True (once, until a run starts) when fewer than <paramref name="most"/> runs are going on or asked for here: a run
    /// with a full batch in hand asks for another beside it, so a large queue goes over that many connections at once.
    /// </summary>
    public bool ShouldStartAnotherRun(int most)
    {
        lock (_gate)
        {
            if (_activeRuns + (_anotherAsked ? 1 : 0) >= most)
            {
                return false;
            }

            _anotherAsked = true;
            return true;
        }
    }

    /// <summary>Writes this instance's row the first time it is needed; later calls cost nothing.</summary>
    public async Task EnsureRegisteredAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Registered)
        {
            return;
        }

        await _registering.WaitAsync(cancellationToken);
        try
        {
            if (Registered)
            {
                return;
            }

            // The lock first: once the row exists and claims name this instance, another must not find it unlocked.
            _locks?.Hold(InstanceId);
            var now = _time.GetUtcNow().UtcDateTime;
            var forget = now - ForgetAfter;
            await db.OutboxSenders.Where(s => s.HeartbeatUtc < forget).ExecuteDeleteAsync(cancellationToken);
            db.OutboxSenders.Add(new OutboxSenderInstance { Id = InstanceId, StartedUtc = now, HeartbeatUtc = now });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            Beaten();
            _watchdog = TimeProvider.System.CreateTimer(_ => Watch(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            Registered = true;
        }
        finally
        {
            _registering.Release();
        }
    }

    /// <summary>
    /// Removes the heartbeat rows of the instances holding claims that are certainly dead (their lock file on this machine
    /// is free: <see cref="OutboxSenderLocks"/>), so their claims count as abandoned now rather than
    /// <see cref="StaleAfter"/> after their last stamp. One read of the few rows in Sending; a write only when one died.
    /// </summary>
    public async Task ForgetDeadHoldersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_locks is null)
        {
            return;
        }

        var me = InstanceId;
        var holders = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.ClaimedBy != null && m.ClaimedBy != me)
            .Select(m => m.ClaimedBy!.Value).Distinct().ToListAsync(cancellationToken);
        var dead = holders.Where(_locks.IsDead).ToList();
        if (dead.Count > 0)
        {
            await db.OutboxSenders.Where(s => dead.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Stamps this instance's row with the time now.</summary>
    public async Task BeatAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = _time.GetUtcNow().UtcDateTime;
        var id = InstanceId;
        var changed = await db.OutboxSenders.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatUtc, now), cancellationToken);
        if (changed == 0)
        {
            // Removed by someone (an instance forgetting old rows after this clock jumped): this instance is alive, so back it goes.
            db.OutboxSenders.Add(new OutboxSenderInstance { Id = id, StartedUtc = now, HeartbeatUtc = now });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        Beaten();
    }

    private void Beaten()
    {
        Volatile.Write(ref _lastBeat, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            if (_lost.IsCancellationRequested)
            {
                _lost.Dispose();
                _lost = new CancellationTokenSource();
            }
        }
    }

    // Measured on this machine's monotonic clock, so a test's fake clock cannot stop a live sender.
    private void Watch()
    {
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastBeat)) < StopSendingAfter)
        {
            return;
        }

        lock (_gate)
        {
            if (!_lost.IsCancellationRequested)
            {
                _lost.Cancel();
            }
        }
    }

    public void Dispose()
    {
        _watchdog?.Dispose();
        _registering.Dispose();
        lock (_gate)
        {
            _lost.Dispose();
        }
    }

    private sealed class RunScope(OutboxHeartbeat heartbeat) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            lock (heartbeat._gate)
            {
                EndLocked();
            }
        }

        public void EndLocked()
        {
            if (!_ended)
            {
                _ended = true;
                heartbeat._activeRuns--;
            }
        }
    }
}

/// <summary>Stamps the instance's heartbeat every <see cref="OutboxHeartbeat.Interval"/> once it has claimed rows.</summary>
public sealed partial class OutboxHeartbeatService(OutboxHeartbeat heartbeat, IServiceScopeFactory scopes, ILogger<OutboxHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cadence is real time (not the app's TimeProvider): a test's fake clock must not silence a live instance.
        using var timer = new PeriodicTimer(OutboxHeartbeat.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!heartbeat.Registered)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await heartbeat.BeatAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                LogBeatFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not stamp the outbox sender's heartbeat; it stops sending if this goes on")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
