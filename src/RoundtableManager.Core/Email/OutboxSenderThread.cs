namespace RoundtableManager.Core.Email;

/// <summary>
/// Runs a sender run on a thread of its own, every continuation of it back on that thread, so its SMTP conversation
/// never waits in the thread-pool queue behind the requests being served. Under 64 suppliers answering at once, each
/// of the send loop's hops (MailKit's reads and writes, the loop's own awaits) waited its turn in that queue, and the
/// bulk send moved at about a quarter of its rate alone (bench/HISTORY.md, session 11). On this thread the SMTP
/// connection sends with MailKit's blocking calls (<see cref="IsCurrent"/>), bounded by the socket timeout.
/// </summary>
public static class OutboxSenderThread
{
    [ThreadStatic]
    private static bool _current;

    /// <summary>True on a sender run's own thread, where blocking on the network costs no pool thread.</summary>
    public static bool IsCurrent => _current;

    /// <summary>Starts <paramref name="run"/> on a new thread and completes with its outcome.</summary>
    public static Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Pump(run, done)) { IsBackground = true, Name = "Outbox sender" };
        thread.Start();
        return done.Task;
    }

    private static void Pump<T>(Func<Task<T>> run, TaskCompletionSource<T> done)
    {
        var context = new SingleThreadContext();
        SynchronizationContext.SetSynchronizationContext(context);
        _current = true;
        try
        {
            Task<T> task;
            try
            {
                task = run();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                task = Task.FromException<T>(ex);
            }

            task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.RunUntilComplete();
            if (task.IsCanceled)
            {
                done.SetCanceled();
            }
            else if (task.Exception is { } error)
            {
                done.SetException(error.InnerExceptions);
            }
            else
            {
                done.SetResult(task.Result);
            }
        }
        finally
        {
            _current = false;
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    /// <summary>
    /// Runs what is posted to it on the one thread that pumps it, woken directly (a channel's reader would be woken through
    /// the pool, the very queue this avoids); anything posted after the run ends goes to the pool.
    /// </summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly object _lock = new();
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
        private bool _complete;

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_lock)
            {
                if (!_complete)
                {
                    _work.Enqueue((d, state));
                    Monitor.Pulse(_lock);
                    return;
                }
            }

            ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
        }

        public override SynchronizationContext CreateCopy() => this;

        public void Complete()
        {
            lock (_lock)
            {
                _complete = true;
                Monitor.Pulse(_lock);
            }
        }

        public void RunUntilComplete()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_lock)
                {
                    while (_work.Count == 0 && !_complete)
                    {
                        Monitor.Wait(_lock);
                    }

                    if (!_work.TryDequeue(out item))
                    {
                        return;
                    }
                }

                item.Callback(item.State);
            }
        }
    }
}
