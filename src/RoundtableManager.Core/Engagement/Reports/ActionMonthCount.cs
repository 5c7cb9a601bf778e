using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>
/// A change to how many follow-up actions were opened in one UK month (<see cref="ReplyMonths"/>), from one agenda item,
/// owned by one organisation (or by staff), with one status and due date. The rows of a key add up to its count: every
/// SaveChanges that adds, removes or changes an action adds its own rows in the same transaction
/// (<see cref="ActionMonthCountInterceptor"/>), and the minutely report job folds them into one per key, so the programme
/// report adds up a few rows per whole month of its period instead of grouping every action opened in it.
/// </summary>
public class ActionMonthCount : Entity<long>
{
    /// <summary>The UK month the actions were opened in, as year * 100 + month.</summary>
    public int Month { get; set; }

    /// <summary>The agenda item the actions came from; 0 for none (no foreign key: a key's rows may outlive its actions until folded).</summary>
    public int AgendaItemId { get; set; }

    /// <summary>The organisation that owns the actions; 0 when staff own them.</summary>
    public int OwnerOrganisationId { get; set; }

    public ActionStatus Status { get; set; }

    public DateOnly DueDate { get; set; }

    public int Count { get; set; }
}

internal sealed class ActionMonthCountConfiguration : IEntityTypeConfiguration<ActionMonthCount>
{
    // Covering: the report reads a range of months and adds up the counts without reading the rows.
    public void Configure(EntityTypeBuilder<ActionMonthCount> builder) =>
        builder.HasIndex(c => new { c.Month, c.AgendaItemId, c.OwnerOrganisationId, c.Status, c.DueDate, c.Count });
}

/// <summary>The report's kept action counts: folded, or worked out afresh.</summary>
public sealed class ActionMonthCounts(AppDbContext db)
{
    /// <summary>Folds the rows into one per key (none for a key whose count is 0); returns how many rows there were.</summary>
    public Task<int> FoldAsync(CancellationToken cancellationToken) =>
        db.FoldCountsAsync(db.ActionMonthCounts, r => (r.Month, r.AgendaItemId, r.OwnerOrganisationId, r.Status, r.DueDate), r => r.Count,
            (k, count) => new ActionMonthCount
            {
                Month = k.Month, AgendaItemId = k.AgendaItemId, OwnerOrganisationId = k.OwnerOrganisationId,
                Status = k.Status, DueDate = k.DueDate, Count = count,
            },
            cancellationToken);

    /// <summary>Counts the actions afresh: after rows written without the change tracker (a bulk load such as the benchmark's).</summary>
    public async Task RecountAsync(CancellationToken cancellationToken)
    {
        await db.ActionMonthCounts.ExecuteDeleteAsync(cancellationToken);
        var actions = await db.FollowUpActions.AsNoTracking()
            .GroupBy(a => new { a.CreatedUtc, a.AgendaItemId, a.OwnerOrganisationId, a.Status, a.DueDate })
            .Select(g => new { g.Key.CreatedUtc, g.Key.AgendaItemId, g.Key.OwnerOrganisationId, g.Key.Status, g.Key.DueDate, Count = g.Count() })
            .ToListAsync(cancellationToken);
        db.ActionMonthCounts.AddRange(actions
            .GroupBy(a => (Month: ReplyMonths.Of(a.CreatedUtc), AgendaItemId: a.AgendaItemId ?? 0, OwnerOrganisationId: a.OwnerOrganisationId ?? 0, a.Status, a.DueDate))
            .Select(g => new ActionMonthCount
            {
                Month = g.Key.Month, AgendaItemId = g.Key.AgendaItemId, OwnerOrganisationId = g.Key.OwnerOrganisationId,
                Status = g.Key.Status, DueDate = g.Key.DueDate, Count = g.Sum(a => a.Count),
            }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}

/// <summary>Adds the <see cref="ActionMonthCount"/> rows of what a SaveChanges does to actions: one taken from the key an action leaves, one added to the key it joins.</summary>
public sealed class ActionMonthCountInterceptor : SavingInterceptor
{
    public static readonly ActionMonthCountInterceptor Instance = new();

    private ActionMonthCountInterceptor()
    {
    }

    private static (int Month, int AgendaItemId, int OwnerOrganisationId, ActionStatus Status, DateOnly DueDate) Key(EntityEntry<FollowUpAction> entry, bool original)
    {
        T Value<T>(Expression<Func<FollowUpAction, T>> property)
        {
            var value = entry.Property(property);
            if (value.IsTemporary)
            {
                // Nothing saves an action with a new agenda item or organisation today; the count must not keep a temporary key.
                throw new InvalidOperationException($"Save the {value.Metadata.Name} an action points at before the action.");
            }

            return original ? value.OriginalValue : value.CurrentValue;
        }

        return (ReplyMonths.Of(Value(a => a.CreatedUtc)), Value(a => a.AgendaItemId) ?? 0, Value(a => a.OwnerOrganisationId) ?? 0, Value(a => a.Status), Value(a => a.DueDate));
    }

    protected override Task OnSavingAsync(DbContext context, bool async, CancellationToken cancellationToken)
    {
        var changes = new Dictionary<(int, int, int, ActionStatus, DateOnly), int>();
        void Add((int, int, int, ActionStatus, DateOnly) key, int delta) => changes[key] = changes.GetValueOrDefault(key) + delta;

        foreach (var entry in context.ChangeTracker.Entries<FollowUpAction>())
        {
            if (entry.State is EntityState.Deleted or EntityState.Modified)
            {
                Add(Key(entry, original: true), -1);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Add(Key(entry, original: false), 1);
            }
        }

        var rows = changes.Where(c => c.Value != 0).Select(c => new ActionMonthCount
        {
            Month = c.Key.Item1, AgendaItemId = c.Key.Item2, OwnerOrganisationId = c.Key.Item3, Status = c.Key.Item4, DueDate = c.Key.Item5, Count = c.Value,
        }).ToList();
        if (rows.Count > 0)
        {
            context.Set<ActionMonthCount>().AddRange(rows);
        }

        return Task.CompletedTask;
    }
}
