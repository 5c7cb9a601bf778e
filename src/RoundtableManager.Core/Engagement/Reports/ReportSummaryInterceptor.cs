using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>
/// Marks the programme report's summaries out of date in the same SaveChanges as any change to what they count: an
/// invitation or a delegate (its roundtable), a tag given or taken, an organisation's type or an interaction logged (the
/// organisation), a tag deleted (every organisation that had it), a roundtable moved, cancelled (or no longer), or
/// deleted (the UK months it left and joined, whose sums include it or should). Changes made without the change tracker mark
/// themselves (<see cref="ReportSummaries.MarkRoundtable"/>).
/// </summary>
public sealed class ReportSummaryInterceptor : SavingInterceptor
{
    public static readonly ReportSummaryInterceptor Instance = new();

    private ReportSummaryInterceptor()
    {
    }

    private static bool Changed(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    private static HashSet<int> MonthsChanged(ChangeTracker tracker)
    {
        var months = new HashSet<int>();
        foreach (var entry in tracker.Entries<Roundtable>().Where(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            var (starts, status) = (entry.Property(r => r.StartsUtc), entry.Property(r => r.Status));
            var cancelledOrNot = status.IsModified && (status.OriginalValue == RoundtableStatus.Cancelled) != (status.CurrentValue == RoundtableStatus.Cancelled);
            if (entry.State == EntityState.Deleted || cancelledOrNot || (starts.IsModified && ReplyMonths.Of(starts.OriginalValue) != ReplyMonths.Of(starts.CurrentValue)))
            {
                months.Add(ReplyMonths.Of(starts.OriginalValue));
                months.Add(ReplyMonths.Of(starts.CurrentValue));
            }
        }

        return months;
    }

    protected override async Task OnSavingAsync(DbContext context, bool async, CancellationToken cancellationToken)
    {
        var tracker = context.ChangeTracker;
        var marks = new List<ReportSummaryRefresh>();
        var roundtables = new HashSet<int>();
        foreach (var entry in tracker.Entries<Invitation>().Where(Changed))
        {
            // A roundtable saved in the same SaveChanges has no id yet: the mark follows it through the navigation.
            if (entry.Property(i => i.RoundtableId).IsTemporary && entry.Entity.Roundtable is { } added)
            {
                marks.Add(new ReportSummaryRefresh { Roundtable = added });
            }
            else
            {
                roundtables.Add(entry.Entity.RoundtableId);
            }
        }

        roundtables.UnionWith(tracker.Entries<DelegateEntry>().Where(e => Changed(e) && !e.Property(d => d.RoundtableId).IsTemporary).Select(e => e.Entity.RoundtableId));
        var organisations = tracker.Entries<OrganisationTag>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted && !e.Property(t => t.OrganisationId).IsTemporary)
            .Select(e => e.Entity.OrganisationId)
            .Concat(tracker.Entries<Organisation>().Where(e => e.State == EntityState.Modified && e.Property(o => o.Type).IsModified).Select(e => e.Entity.Id))
            .Concat(tracker.Entries<Interaction>().Where(e => Changed(e) && !e.Property(x => x.OrganisationId).IsTemporary).Select(e => e.Entity.OrganisationId))
            .ToHashSet();
        var deletedTags = tracker.Entries<Tag>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        if (deletedTags.Count > 0)
        {
            // The database removes the tag's links itself (cascade), so they never pass through the change tracker.
            var tagged = context.Set<OrganisationTag>().Where(t => deletedTags.Contains(t.TagId)).Select(t => t.OrganisationId).Distinct();
            organisations.UnionWith(async ? await tagged.ToListAsync(cancellationToken) : [.. tagged]);
        }

        // A roundtable being deleted takes its summaries with it.
        roundtables.ExceptWith(tracker.Entries<Roundtable>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id));
        marks.AddRange(roundtables.Select(id => new ReportSummaryRefresh { RoundtableId = id }));
        marks.AddRange(MonthsChanged(tracker).Select(month => new ReportSummaryRefresh { Month = month }));
        marks.AddRange(organisations.Select(id => new ReportSummaryRefresh { OrganisationId = id }));
        if (marks.Count > 0)
        {
            context.Set<ReportSummaryRefresh>().AddRange(marks);
        }
    }
}
