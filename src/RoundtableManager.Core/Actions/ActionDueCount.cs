using Hangfire;

namespace RoundtableManager.Core.Actions;

/// <summary>
/// A change to how many follow-up actions have one status and one due date. The rows of a key add up to its count: every
/// SaveChanges that adds, removes, or changes the status or due date of an action adds its own rows in the same
/// transaction (<see cref="ActionDueCountInterceptor"/>), and <see cref="ActionDueCounts.FoldAsync"/> (a job, never a
/// page) folds them into one per key, so the register's open, overdue and this-week figures add up a row per due date
/// instead of counting every action.
/// </summary>
public class ActionDueCount : Entity<long>
{
    public ActionStatus Status { get; set; }

    public DateOnly DueDate { get; set; }

    public int Count { get; set; }
}

internal sealed class ActionDueCountConfiguration : IEntityTypeConfiguration<ActionDueCount>
{
    public void Configure(EntityTypeBuilder<ActionDueCount> builder) => builder.HasIndex(c => new { c.Status, c.DueDate });
}

/// <summary>How many actions have one status and due date.</summary>
public sealed record ActionDueTally(ActionStatus Status, DateOnly DueDate, int Count);

/// <summary>The register's kept counts: read, folded, or worked out afresh.</summary>
public sealed class ActionDueCounts(AppDbContext db)
{
    public async Task<IReadOnlyList<ActionDueTally>> ReadAsync(CancellationToken cancellationToken) =>
        await db.ActionDueCounts.AsNoTracking()
            .GroupBy(c => new { c.Status, c.DueDate })
            .Select(g => new { g.Key.Status, g.Key.DueDate, Count = g.Sum(c => c.Count) })
            .Where(g => g.Count != 0)
            .Select(g => new ActionDueTally(g.Status, g.DueDate, g.Count))
            .ToListAsync(cancellationToken);

    /// <summary>Folds the rows into one per key (none for a key whose count is 0); returns how many rows there were.</summary>
    public Task<int> FoldAsync(CancellationToken cancellationToken) =>
        db.FoldCountsAsync(db.ActionDueCounts, r => (r.Status, r.DueDate), r => r.Count,
            (k, count) => new ActionDueCount { Status = k.Status, DueDate = k.DueDate, Count = count }, cancellationToken);

    /// <summary>Counts the actions afresh: after rows written without the change tracker (a bulk load such as the benchmark's).</summary>
    public async Task RecountAsync(CancellationToken cancellationToken)
    {
        await db.ActionDueCounts.ExecuteDeleteAsync(cancellationToken);
        var counts = await db.FollowUpActions.AsNoTracking()
            .GroupBy(a => new { a.Status, a.DueDate })
            .Select(g => new ActionDueCount { Status = g.Key.Status, DueDate = g.Key.DueDate, Count = g.Count() })
            .ToListAsync(cancellationToken);
        db.ActionDueCounts.AddRange(counts);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}

/// <summary>Adds the <see cref="ActionDueCount"/> rows of what a SaveChanges does to actions: one taken from the key an action leaves, one added to the key it joins.</summary>
public sealed class ActionDueCountInterceptor : SavingInterceptor
{
    public static readonly ActionDueCountInterceptor Instance = new();

    private ActionDueCountInterceptor()
    {
    }

    protected override Task OnSavingAsync(DbContext context, bool async, CancellationToken cancellationToken)
    {
        var changes = new Dictionary<(ActionStatus, DateOnly), int>();
        void Add(ActionStatus status, DateOnly due, int delta) => changes[(status, due)] = changes.GetValueOrDefault((status, due)) + delta;

        foreach (var entry in context.ChangeTracker.Entries<FollowUpAction>())
        {
            var status = entry.Property(a => a.Status);
            var due = entry.Property(a => a.DueDate);
            if (entry.State is EntityState.Deleted or EntityState.Modified)
            {
                Add(status.OriginalValue, due.OriginalValue, -1);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Add(status.CurrentValue, due.CurrentValue, 1);
            }
        }

        var rows = changes.Where(c => c.Value != 0).Select(c => new ActionDueCount { Status = c.Key.Item1, DueDate = c.Key.Item2, Count = c.Value }).ToList();
        if (rows.Count > 0)
        {
            context.Set<ActionDueCount>().AddRange(rows);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Folds the register's kept counts every ten minutes, so a page reads about one row per status and due date and never writes.</summary>
public sealed class ActionDueCountsJob(ActionDueCounts counts)
{
    public const string RecurringJobId = "action-due-counts";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken) => await counts.FoldAsync(cancellationToken);
}
