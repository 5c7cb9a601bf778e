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
public sealed class SupplierDirectoryQueries(AppDbContext db, DirectoryCounts counts)
{
    /// <summary>
    /// Organisations matching the search and filters, a page at a time. The search matches an organisation when every
    /// word of it starts a word of the organisation's name or of one of its contacts' email addresses (case ignored;
    /// <see cref="SearchWords"/>), found through the index of <see cref="OrganisationSearchTerm"/>s.
    /// </summary>
    public async Task<DirectoryPage> ListAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = await RarestFirstAsync(Words(query.Search), cancellationToken);
        var matching = Filter(db.Organisations.AsNoTracking(), db.OrganisationSearchTerms, words, query.IncludeArchived).WithTag(db.OrganisationTags, query.TagId);
        Dictionary<OrganisationType, int> countsByType;
        int? contactCount = null;
        if (words is null && query.TagId is null)
        {
            // The whole directory (or all of one type): its counts are kept as it changes, so none is counted here.
            var kept = (await counts.ReadAsync(cancellationToken)).Where(c => query.IncludeArchived || !c.IsArchived).ToList();
            countsByType = kept.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Sum(c => c.Organisations));
            contactCount = kept.Where(c => query.Type is not { } only || c.Type == only).Sum(c => c.Contacts);
        }
        else
        {
            countsByType = await matching.GroupBy(o => o.Type)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }

        if (query.Type is { } type)
        {
            matching = matching.Where(o => o.Type == type);
        }

        var total = query.Type is { } t ? countsByType.GetValueOrDefault(t) : countsByType.Values.Sum();
        var pages = Math.Max(1, (total + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        contactCount ??= await matching.SelectMany(o => o.Contacts).CountAsync(cancellationToken);
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
        return new DirectoryPage(items, page, total, contactCount.Value, countsByType);
    }

    /// <summary>The organisations the directory shows for <paramref name="query"/> (every page of it): search, archived, tag and type.</summary>
    public static IQueryable<Organisation> Matching(AppDbContext db, DirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // Longest word first: without counting, the likeliest to be rare.
        var words = Words(query.Search)?.OrderByDescending(w => w.Length).ToList();
        var matching = Filter(db.Organisations.AsNoTracking(), db.OrganisationSearchTerms, words, query.IncludeArchived).WithTag(db.OrganisationTags, query.TagId);
        return query.Type is { } type ? matching.Where(o => o.Type == type) : matching;
    }

    /// <summary>The search's words; null when there is no search (a search of only punctuation has no words and matches nothing).</summary>
    private static List<string>? Words(string? search) =>
        SupplierRules.Clean(search) is { } cleaned ? [.. SearchWords.Of(cleaned).Take(SearchWords.MaxSearchWords)] : null;

    /// <summary>
    /// Orders the words so the one starting the fewest words in the directory comes first (counted up to a cap, so a
    /// common word such as "Ltd" costs no more than the cap): the search reads that word's organisations from the index
    /// and checks the others against each.
    /// </summary>
    private async Task<List<string>?> RarestFirstAsync(List<string>? words, CancellationToken cancellationToken)
    {
        if (words is not { Count: > 1 })
        {
            return words;
        }

        var counted = new List<(string Word, int Count)>();
        foreach (var word in words)
        {
            var count = await StartingWith(db.OrganisationSearchTerms, word).OrderBy(t => t.Term).ThenBy(t => t.OrganisationId).CountUpToAsync(RarityCap, cancellationToken);
            counted.Add((word, count));
        }

        return [.. counted.OrderBy(c => c.Count).ThenByDescending(c => c.Word.Length).Select(c => c.Word)];
    }

    private const int RarityCap = 200;

    // string.Compare against a bound becomes Term >= @lo AND Term < @hi: an index range on (Term, OrganisationId).
    // On SQL Server the column has a binary collation, so the range means "starts with" there as in SQLite.
#pragma warning disable CA1309, CA1310 // Translated to SQL comparisons, never run in .NET.
    private static IQueryable<OrganisationSearchTerm> StartingWith(IQueryable<OrganisationSearchTerm> terms, string word)
    {
        var upper = SearchWords.UpperBound(word);
        return terms.Where(t => string.Compare(t.Term, word) >= 0 && string.Compare(t.Term, upper) < 0);
    }
#pragma warning restore CA1309, CA1310

    private static IQueryable<Organisation> Filter(IQueryable<Organisation> organisations, IQueryable<OrganisationSearchTerm> terms, List<string>? words, bool includeArchived)
    {
        if (!includeArchived)
        {
            organisations = organisations.Where(o => !o.IsArchived);
        }

        if (words is { Count: 0 })
        {
            return organisations.Where(_ => false);
        }

        if (words is { Count: > 0 })
        {
            var first = StartingWith(terms, words[0]).Select(t => t.OrganisationId);
            organisations = organisations.Where(o => first.Contains(o.Id));
            foreach (var word in words.Skip(1))
            {
                var others = StartingWith(terms, word);
                organisations = organisations.Where(o => others.Any(t => t.OrganisationId == o.Id));
            }
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
