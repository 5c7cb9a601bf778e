namespace RoundtableManager.Core.Email;

public sealed partial class OutboxSender
{
    /// <summary>
    /// The next message, built on a pool thread while the current one is on the wire, or by the sender itself if no pool
    /// thread has started it by the time it is wanted: under load the pool's queue is long, and a send loop that waited
    /// for it would move at the queue's pace (bench/HISTORY.md, session 11).
    /// </summary>
    private sealed class BuildAhead
    {
        private readonly Func<Built> _build;
        private readonly TaskCompletionSource<Built> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _taken;

        private BuildAhead(Func<Built> build) => _build = build;

        public static BuildAhead Start(Func<Built> build)
        {
            var ahead = new BuildAhead(build);
            ThreadPool.UnsafeQueueUserWorkItem(static a => a.TryBuild(), ahead, preferLocal: false);
            return ahead;
        }

        /// <summary>The built message: built here and now unless a pool thread has it in hand (then its result).</summary>
        public Task<Built> ResultAsync()
        {
            TryBuild();
            return _done.Task;
        }

        private void TryBuild()
        {
            if (Interlocked.Exchange(ref _taken, 1) != 0)
            {
                return;
            }

            try
            {
                _done.SetResult(_build());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // As Task.Run would: the error reaches the sender where it awaits the message.
                _done.SetException(ex);
            }
        }
    }
}
