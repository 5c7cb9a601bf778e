namespace RoundtableManager.Core.Agenda;

/// <summary>The organisation record's agenda proposals (topics and questions it put forward) and what became of them.</summary>
public sealed class ProposalTimelineSource(AppDbContext db) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("proposals", "Proposed topics", Order: 40);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await db.Proposals.AsNoTracking().Where(p => p.OrganisationId == query.OrganisationId)
            .Window(query, Kind.Code, p => p.CreatedUtc, p => p.Id)
            .Join(db.Roundtables, p => p.RoundtableId, r => r.Id, (p, r) => new { p.Id, p.RoundtableId, r.Title, p.Text, p.Status, p.SubmittedByName, p.CreatedUtc })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(p => p.CreatedUtc).ThenByDescending(p => p.Id)
            .Select(p => new TimelineEntry(Kind.Code, p.CreatedUtc, p.Id, $"Proposed a topic for {p.Title}", p.Text,
                $"/roundtables/{p.RoundtableId}/proposals/{p.Id}", p.Status.DisplayName()) { Actor = p.SubmittedByName })
            .ToList();
    }
}
