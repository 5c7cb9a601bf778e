namespace RoundtableManager.Core.Engagement;

/// <summary>Reads of logged interactions, with no tracking.</summary>
public sealed class InteractionQueries(AppDbContext db)
{
    /// <summary>One interaction of this organisation (null for another organisation's id), to change it.</summary>
    public Task<Interaction?> GetAsync(int organisationId, int id, CancellationToken cancellationToken) =>
        db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OrganisationId == organisationId, cancellationToken);

    /// <summary>The organisation's name, or null when there is none with this id.</summary>
    public Task<string?> OrganisationNameAsync(int organisationId, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>Logged interactions on the organisation's timeline.</summary>
public sealed class InteractionTimelineSource(AppDbContext db) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("interactions", "Logged interactions", Order: 10);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await db.Interactions.AsNoTracking().Where(i => i.OrganisationId == query.OrganisationId)
            .Window(query, Kind.Code, i => i.OccurredUtc, i => i.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(i => new TimelineEntry(Kind.Code, i.OccurredUtc, i.Id,
                i.Participants is null ? i.Kind.DisplayName() : $"{i.Kind.DisplayName()} with {i.Participants}",
                i.Summary, Marking: i.Marking, DateOnly: true)
            {
                Actor = i.UpdatedByName is null ? $"Logged by {i.CreatedByName}" : $"Logged by {i.CreatedByName}, last changed by {i.UpdatedByName}",
                EditUrl = $"/suppliers/{i.OrganisationId}/interactions/{i.Id}/edit",
            })
            .ToList();
    }
}
