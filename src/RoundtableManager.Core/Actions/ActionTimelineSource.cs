namespace RoundtableManager.Core.Actions;

/// <summary>The organisation record's follow-up actions (those it owns) and the state each is in now.</summary>
public sealed class ActionTimelineSource(AppDbContext db, TimeProvider time) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("actions", "Follow-up actions", Order: 50);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));
        var rows = await db.FollowUpActions.AsNoTracking().Where(a => a.OwnerOrganisationId == query.OrganisationId)
            .Window(query, Kind.Code, a => a.CreatedUtc, a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Status, a.DueDate, a.CreatedUtc, Roundtable = a.Roundtable.Title })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new TimelineEntry(Kind.Code, a.CreatedUtc, a.Id, $"Follow-up action: {a.Title}",
                $"From {a.Roundtable}; due {ActionNames.FormatDate(a.DueDate)}", $"/actions/{a.Id}",
                a.Status is not (ActionStatus.Done or ActionStatus.Cancelled) && a.DueDate < today ? "Overdue" : a.Status.DisplayName()))
            .ToList();
    }
}
