namespace RoundtableManager.Core.Engagement;

public sealed record TagSummary(int Id, string Name, string? Description, int Organisations);

public sealed record TagName(int Id, string Name);

/// <summary>Reads of tags, projected for pages with no tracking.</summary>
public sealed class TagQueries(AppDbContext db)
{
    /// <summary>Every tag, by name, with how many organisations carry it.</summary>
    public async Task<IReadOnlyList<TagSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.Tags.AsNoTracking().OrderBy(t => t.NormalisedName)
            .Select(t => new TagSummary(t.Id, t.Name, t.Description, db.OrganisationTags.Count(o => o.TagId == t.Id)))
            .ToListAsync(cancellationToken);

    public Task<TagSummary?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TagSummary(t.Id, t.Name, t.Description, db.OrganisationTags.Count(o => o.TagId == t.Id)))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every tag's id and name, by name, for a picker.</summary>
    public async Task<IReadOnlyList<TagName>> NamesAsync(CancellationToken cancellationToken) =>
        await db.Tags.AsNoTracking().OrderBy(t => t.NormalisedName).Select(t => new TagName(t.Id, t.Name)).ToListAsync(cancellationToken);

    /// <summary>The tags each of these organisations carries, by name.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<TagName>>> ForOrganisationsAsync(IReadOnlyCollection<int> organisationIds, CancellationToken cancellationToken)
    {
        var ids = organisationIds.ToList();
        var rows = await db.OrganisationTags.AsNoTracking()
            .Where(o => EF.Parameter(ids).Contains(o.OrganisationId))
            .Join(db.Tags, o => o.TagId, t => t.Id, (o, t) => new { o.OrganisationId, t.Id, t.Name, t.NormalisedName })
            .OrderBy(r => r.NormalisedName)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.OrganisationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TagName>)g.Select(r => new TagName(r.Id, r.Name)).ToList());
    }

    public async Task<IReadOnlyList<TagName>> ForOrganisationAsync(int organisationId, CancellationToken cancellationToken) =>
        (await ForOrganisationsAsync([organisationId], cancellationToken)).GetValueOrDefault(organisationId) ?? [];
}
