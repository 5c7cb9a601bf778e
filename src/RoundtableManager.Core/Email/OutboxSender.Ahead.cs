namespace RoundtableManager.Core.Email;

/// <summary>The sender's next batch: claimed and read while the current one is on the wire.</summary>
public sealed partial class OutboxSender
{
    private sealed record Batch(Claim Claim, List<OutboxMessage> Rows);

    private AppDbContext Context => db;

    /// <summary>
    /// Claims a batch on the context and reads it; null when nothing was due. A claim interrupted (shutdown, an error)
    /// is released by its token at once, on the same context, so its rows do not wait for the lease.
    /// </summary>
    private async Task<Batch?> TakeBatchAsync(AppDbContext context, CancellationToken cancellationToken)
    {
        var claim = new Claim(Guid.NewGuid(), Now + ClaimDuration, heartbeat.InstanceId);
        try
        {
            if (!await ClaimBatchAsync(context, claim, cancellationToken))
            {
                return null;
            }

            // Read whatever the shutdown: a claimed batch is either sent or released, never left to its lease.
            var rows = await Owned(context, claim).AsNoTracking()
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
                .ToListAsync(CancellationToken.None);
            return new Batch(claim, rows);
        }
        catch
        {
            await ReleaseAsync(context, claim);
            throw;
        }
    }

    /// <summary>
    /// After a full batch, the next one is claimed and read on a second context of its own while the current batch is
    /// sent, so between batches the wire does not wait for the claim's statements, the read, or SQLite's write lock
    /// (bench/HISTORY.md, session 11). The sender's own context is never used by two callers at once: the second one
    /// only claims and reads. A batch claimed ahead that the run does not reach (shutdown, an unreachable server, an
    /// error, the run leaving the queue to others) is released when the run ends. A dead instance holds at most this
    /// batch and the one it was sending, both taken again through its lock file or its heartbeat like any other claim.
    /// Without a scope factory (a sender built by hand) each batch is claimed when the one before it ends.
    /// </summary>
    private sealed class NextBatch(OutboxSender sender, IServiceScopeFactory? scopes) : IAsyncDisposable
    {
        private AsyncServiceScope? _scope;
        private AppDbContext? _context;
        private Task<Batch?>? _ahead;

        /// <summary>Starts claiming the next batch on the second context.</summary>
        public void ClaimAhead(CancellationToken cancellationToken)
        {
            if (scopes is null || _ahead is not null)
            {
                return;
            }

            _scope ??= scopes.CreateAsyncScope();
            _context ??= _scope.Value.ServiceProvider.GetRequiredService<AppDbContext>();
            _ahead = sender.TakeBatchAsync(_context, cancellationToken);
        }

        /// <summary>The batch claimed ahead (null when nothing was due then), or else one claimed now on the sender's context.</summary>
        public async Task<Batch?> TakeAsync(CancellationToken cancellationToken)
        {
            if (_ahead is { } ahead)
            {
                _ahead = null;
                return await ahead;
            }

            return await sender.TakeBatchAsync(sender.Context, cancellationToken);
        }

        /// <summary>Releases a batch claimed ahead and not taken, then the second context.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_ahead is { } ahead && _context is { } context)
                {
                    _ahead = null;
                    // A claim that failed has released itself; one that succeeded goes back to the queue, due at once.
                    await ((Task)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    if (ahead.IsCompletedSuccessfully && ahead.Result is { } unsent)
                    {
                        await ReleaseAsync(context, unsent.Claim);
                    }
                }
            }
            finally
            {
                if (_scope is { } scope)
                {
                    await scope.DisposeAsync();
                }
            }
        }
    }
}
