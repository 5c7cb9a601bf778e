using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Engagement;

namespace RoundtableManager.Core.Suppliers;

public sealed record DirectoryQuery(string? Search, OrganisationType? Type, bool IncludeArchived, int Page = 1, int? TagId = null)
{
    public const int PageSize = 25;
}

public sealed record OrganisationListItem(int Id, string Name, OrganisationType Type, bool IsArchived, int ContactCount, string? PrimaryContactName);

public sealed record DirectoryPage(
    IReadOnlyList<OrganisationListItem> Items,
    int Page,
    int TotalCount,
    int ContactCount,
    IReadOnlyDictionary<OrganisationType, int> CountsByType)
{
    public int TotalPages => Math.Max(1, (TotalCount + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
}

public sealed record ContactDetails(int Id, string FullName, string Email, string? JobTitle, string? Phone, bool IsPrimary);

public sealed record OrganisationDetails(
    int Id,
    string Name,
    OrganisationType Type,
    string? CompaniesHouseNumber,
    string? Website,
    string? Notes,
    bool IsArchived,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    IReadOnlyList<ContactDetails> Contacts);

/// <summary>Reads of the supplier directory, projected for pages with no tracking.</summary>
public sealed class SupplierDirectoryQueries(AppDbContext db)
{
    /// <summary>
    /// Organisations matching the search (name, or any contact's email) and filters, a page at a time. Searches the
    /// upper-cased columns, so case is ignored on every provider.
    /// </summary>
    public async Task<DirectoryPage> ListAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = WithTag(Filter(db.Organisations.AsNoTracking(), query.Search, query.IncludeArchived), db.OrganisationTags, query.TagId);
        var countsByType = await matching.GroupBy(o => o.Type)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (query.Type is { } type)
        {
            matching = matching.Where(o => o.Type == type);
        }

        var total = query.Type is { } t ? countsByType.GetValueOrDefault(t) : countsByType.Values.Sum();
        var pages = Math.Max(1, (total + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var contactCount = await matching.SelectMany(o => o.Contacts).CountAsync(cancellationToken);
        var items = await matching
            .OrderBy(o => o.NormalisedName)
            .Skip((page - 1) * DirectoryQuery.PageSize)
            .Take(DirectoryQuery.PageSize)
            .Select(o => new OrganisationListItem(
                o.Id,
                o.Name,
                o.Type,
                o.IsArchived,
                o.Contacts.Count,
                o.Contacts.Where(c => c.IsPrimary).OrderBy(c => c.FullName).Select(c => c.FullName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new DirectoryPage(items, page, total, contactCount, countsByType);
    }

    /// <summary>The organisations the directory shows for <paramref name="query"/> (every page of it): search, archived, tag and type.</summary>
    public static IQueryable<Organisation> Matching(IQueryable<Organisation> organisations, IQueryable<OrganisationTag> tags, DirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = WithTag(Filter(organisations, query.Search, query.IncludeArchived), tags, query.TagId);
        return query.Type is { } type ? matching.Where(o => o.Type == type) : matching;
    }

    private static IQueryable<Organisation> WithTag(IQueryable<Organisation> organisations, IQueryable<OrganisationTag> tags, int? tagId) =>
        tagId is { } id ? organisations.Where(o => tags.Any(t => t.OrganisationId == o.Id && t.TagId == id)) : organisations;

    internal static IQueryable<Organisation> Filter(IQueryable<Organisation> organisations, string? search, bool includeArchived)
    {
        if (!includeArchived)
        {
            organisations = organisations.Where(o => !o.IsArchived);
        }

        var term = SupplierRules.Clean(search)?.ToUpperInvariant();
        if (term is not null)
        {
            organisations = organisations.Where(o => o.NormalisedName.Contains(term) || o.Contacts.Any(c => c.NormalisedEmail.Contains(term)));
        }

        return organisations;
    }

    public Task<OrganisationDetails?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrganisationDetails(
                o.Id,
                o.Name,
                o.Type,
                o.CompaniesHouseNumber,
                o.Website,
                o.Notes,
                o.IsArchived,
                o.CreatedUtc,
                o.UpdatedUtc,
                o.Contacts.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.FullName)
                    .Select(c => new ContactDetails(c.Id, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary)).ToList()))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ContactDetails?> GetContactAsync(int organisationId, int contactId, CancellationToken cancellationToken) =>
        db.Contacts.AsNoTracking()
            .Where(c => c.Id == contactId && c.OrganisationId == organisationId)
            .Select(c => new ContactDetails(c.Id, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<string?> OrganisationNameAsync(int? id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
}
