namespace RoundtableManager.Core.Email;

/// <summary>The sender's marks: accepted rows recorded as Sent in groups, one group at a time on another thread.</summary>
public sealed partial class OutboxSender
{
    /// <summary>Records what the server accepted first (a group whose mark failed too), then returns untried rows to the queue.</summary>
    private async Task FinishBatchAsync(AcceptedGroup accepted, Marking marking, IEmailConnection? connection, Claim claim, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            await marking.Done;
        }
        finally
        {
            // Empty when the mark in the background succeeded; its group again, with the rest, when it failed.
            accepted.Items.InsertRange(0, marking.Group);
            await MarkSentAsync(accepted.Items, claim, tally);
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(claim);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>A failure is recorded on the context once the mark going on in the background is done with it.</summary>
    private async Task RecordFailureAsync(Marking marking, OutboxMessage row, Claim claim, Tally tally, SendFailure failure)
    {
        await marking.Done;
        await RecordFailureAsync(row, claim, failure, tally);
    }

    /// <summary>A group being marked Sent on another thread; its list is emptied once the mark has committed.</summary>
    private sealed record Marking(List<Accepted> Group, Task Done)
    {
        public static readonly Marking None = new([], Task.CompletedTask);

        // SQLite's provider runs its "async" calls synchronously: Task.Run is what lets the next send go on meanwhile.
        public static Marking Start(List<Accepted> group, Func<List<Accepted>, Task> mark) =>
            new(group, Task.Run(() => mark(group), CancellationToken.None));
    }

    private sealed record Accepted(OutboxMessage Row, DateTime AttemptedUtc, string Reply);

    /// <summary>
    /// Messages the server accepted, marked sent together once there are enough of them or the oldest has waited long
    /// enough (on the app's clock, so a test's fake clock makes the groups depend on the count alone).
    /// </summary>
    private sealed class AcceptedGroup(TimeProvider time)
    {
        private long _oldest;

        public List<Accepted> Items { get; private set; } = [];

        /// <summary>The group so far, to be marked; the next group starts empty.</summary>
        public List<Accepted> Take()
        {
            var group = Items;
            Items = [];
            return group;
        }

        /// <summary>Adds one; true when the group is due to be marked sent.</summary>
        public bool Add(Accepted accepted)
        {
            if (Items.Count == 0)
            {
                _oldest = time.GetTimestamp();
            }

            Items.Add(accepted);
            return Items.Count >= MarkSentGroupSize || time.GetElapsedTime(_oldest) >= MarkSentAfter;
        }
    }

    // Recording the outcome ignores shutdown: once the server has answered, that answer must reach the row.
    private async Task MarkSentAsync(List<Accepted> accepted, Claim claim, Tally tally)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        var now = Now;
        var ids = accepted.Select(a => a.Row.Id).ToList();
        await RecordAsync(accepted.Select(a => Attempt(a.Row, a.AttemptedUtc, OutboxAttemptOutcome.Delivered, a.Reply)), () => Owned(claim).Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.ProtectedLinks, (string?)null)
                .SetProperty(m => m.SentUtc, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ClaimExpiresUtc, (DateTime?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedBy, (Guid?)null)
                .SetProperty(m => m.LastError, (string?)null),
            CancellationToken.None));
        tally.Sent += accepted.Count;
        foreach (var (row, _, _) in accepted)
        {
            LogSent(logger, row.Id, row.Kind);
            Operations.OperationsMetrics.EmailSent(row.Kind);
        }

        accepted.Clear();
    }
}
