using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace RoundtableManager.Core.Data;

/// <summary>
/// One write transaction at a time per SQLite file in this process, in the order they asked, with the outbox sender's
/// few writes (<see cref="AtFront"/>) served first. SQLite has one write lock, and its busy handler sleeps and polls (1,
/// 2, 5 ... then every 100 ms): under many writers the lock goes to whoever polls just after it is freed, usually a
/// newcomer, so a writer that has waited longest polls least and can wait for seconds (the outbox sender sent a fifth
/// of its usual rate while 64 suppliers answered; bench/README.md, benchmark 5), and every waiter blocks a thread-pool
/// thread meanwhile. Waiting here is asynchronous and first come, first served. Taken by
/// <see cref="TransactionExtensions.InTransactionAsync"/> (every write transaction of the app) and by the sender's lone
/// updates; other lone writes still meet only SQLite's own handler, which also arbitrates between processes.
/// </summary>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<bool> Front = new();

    /// <summary>
    /// The longest a writer waits for a line that keeps moving (unless its busy timeout is longer). Below the timeouts of
    /// the proxies in front of the app (nginx's proxy_read_timeout is 60 s, Azure App Service's 230 s): past them the
    /// person would see the proxy's raw 504 while the write could still commit behind it, instead of our 503 "Sorry, the
    /// service is busy" (Retry-After: 5) with nothing written.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);

    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _front = new();
    private readonly LinkedList<TaskCompletionSource> _queue = new();
    private bool _held;
    private long _handedOn;

    /// <summary>The gate of one database file (its data source as the connection names it).</summary>
    public static SqliteWriteGate For(string dataSource) => Gates.GetOrAdd(dataSource, _ => new SqliteWriteGate());

    /// <summary>
    /// Waits for this context's database's turn (SQLite only; null elsewhere, where the database queues writers itself)
    /// for as long as the context's command timeout, which is the busy timeout; dispose the turn to pass it on.
    /// </summary>
    public static async Task<IDisposable?> TurnAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var gate = For(db.Database.GetConnectionString() ?? "");
        await gate.EnterAsync(TimeSpan.FromSeconds(db.Database.GetCommandTimeout() ?? 30), cancellationToken);
        return new Turn(gate);
    }

    /// <summary>Writes started in this async flow until the scope ends go before every other waiting writer.</summary>
    public static IDisposable AtFront()
    {
        var before = Front.Value;
        Front.Value = true;
        return new Restore(before);
    }

    /// <summary>How many writers are waiting (for tests and diagnostics).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _front.Count + _queue.Count;
            }
        }
    }

    /// <summary>
    /// Waits for the gate while the line moves; throws a <see cref="SqliteException"/> "database is locked" (SQLITE_BUSY),
    /// as SQLite itself would, once <paramref name="timeout"/> passes with no turn handed on (the writer ahead is stuck).
    /// Waiting costs no thread, and a line of short turns can take longer than the busy timeout as a whole: 64 answers
    /// queued behind an invitation round, or a 10,000-email send queued behind them, failed with "database is locked"
    /// on a loaded machine while every turn ahead of them was moving (bench/HISTORY.md, session 8). A moving line is
    /// still waited for at most <see cref="MaxWait"/> in all (or <paramref name="timeout"/>, if longer), then the same
    /// "database is locked" is thrown, which the web app answers with its 503 "try again" page and jobs retry.
    /// </summary>
    public async Task EnterAsync(TimeSpan timeout, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var waiter = Enqueue(out var node, out var queue);
        if (waiter is null)
        {
            return;
        }

        time ??= TimeProvider.System;
        var cap = timeout > MaxWait ? timeout : MaxWait;
        var started = time.GetTimestamp();
        try
        {
            var seen = Volatile.Read(ref _handedOn);
            while (true)
            {
                var left = cap - time.GetElapsedTime(started);
                try
                {
                    await waiter.Task.WaitAsync(left <= TimeSpan.Zero ? TimeSpan.Zero : left < timeout ? left : timeout, time, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (TimeoutException) when (time.GetElapsedTime(started) < cap && Volatile.Read(ref _handedOn) is var handed && handed != seen)
                {
                    seen = handed;
                }
            }
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            if (!Abandon(waiter, node!, queue!))
            {
                // Handed the gate just as the wait ended: pass it on.
                Exit();
            }

            throw ex is not TimeoutException ? ex
                : time.GetElapsedTime(started) >= cap ? Busy($"the writers ahead kept the line for {cap.TotalSeconds:0} s")
                : Busy($"this process's writer ahead kept its turn for {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Hands the gate to the next writer, those at the front first.</summary>
    public void Exit()
    {
        lock (_lock)
        {
            var queue = _front.Count > 0 ? _front : _queue;
            if (queue.First is not { } first)
            {
                _held = false;
                return;
            }

            queue.RemoveFirst();
            _handedOn++;
            // Inside the lock, so Abandon sees it handed over; the waiter's continuation runs elsewhere.
            first.Value.TrySetResult();
        }
    }

    private TaskCompletionSource? Enqueue(out LinkedListNode<TaskCompletionSource>? node, out LinkedList<TaskCompletionSource>? queue)
    {
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                node = null;
                queue = null;
                return null;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            queue = Front.Value ? _front : _queue;
            node = queue.AddLast(waiter);
            return waiter;
        }
    }

    /// <summary>Leaves the queue; false when the gate was already handed to this waiter.</summary>
    private bool Abandon(TaskCompletionSource waiter, LinkedListNode<TaskCompletionSource> node, LinkedList<TaskCompletionSource> queue)
    {
        lock (_lock)
        {
            if (waiter.Task.IsCompleted)
            {
                return false;
            }

            queue.Remove(node);
            waiter.TrySetCanceled();
            return true;
        }
    }

    private static SqliteException Busy(string why) => new($"database is locked ({why})", 5);

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => Front.Value = before;
    }

    private sealed class Turn(SqliteWriteGate gate) : IDisposable
    {
        private SqliteWriteGate? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Exit();
    }
}
