using RoundtableManager.Web.Engagement;

namespace RoundtableManager.Web.Suppliers;

public sealed class SupplierListModel
{
    public string? Q { get; set; }

    public string? Type { get; set; }

    public bool Archived { get; set; }

    /// <summary>The tag the list is filtered by.</summary>
    public int? Tag { get; set; }

    public DirectoryPage Result { get; set; } = null!;

    /// <summary>Every tag, for the filter and the bulk form.</summary>
    public IReadOnlyList<TagName> TagNames { get; set; } = [];

    /// <summary>The tags of the organisations on this page.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<TagName>> ItemTags { get; set; } = new Dictionary<int, IReadOnlyList<TagName>>();

    /// <summary>The bulk tag form as posted, when it came back with an error.</summary>
    public BulkTagForm? Bulk { get; set; }

    public DirectoryQuery ToQuery(int page = 1) => new(Q, ParseType(Type), Archived, page, Tag);

    /// <summary>This filter's page of the directory, with the tags it shows.</summary>
    public async Task<SupplierListModel> LoadAsync(SupplierDirectoryQueries directory, TagQueries tags, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(tags);
        TagNames = await tags.NamesAsync(cancellationToken);
        if (Tag is { } tag && TagNames.All(t => t.Id != tag))
        {
            Tag = null;
        }

        Result = await directory.ListAsync(ToQuery(page), cancellationToken);
        ItemTags = await tags.ForOrganisationsAsync(Result.Items.Select(i => i.Id).ToList(), cancellationToken);
        return this;
    }

    public IEnumerable<SelectListItem> TagOptions() =>
        new[] { new SelectListItem("All tags", "") }.Concat(TagNames.Select(t => new SelectListItem(t.Name, t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public static OrganisationType? ParseType(string? type) =>
        Enum.TryParse<OrganisationType>(type, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(type, out _) ? parsed : null;

    public IEnumerable<SelectListItem> TypeOptions() =>
        new[] { new SelectListItem($"All types ({Result.CountsByType.Values.Sum():N0})", "") }
            .Concat(Enum.GetValues<OrganisationType>().Select(t => new SelectListItem($"{t.DisplayName()} ({Result.CountsByType.GetValueOrDefault(t):N0})", t.ToString())));

    /// <summary>This list's address with one thing changed, so paging and export keep the search and filters.</summary>
    public string Url(string path = "/suppliers", int? page = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query.Add("q=" + Uri.EscapeDataString(Q));
        }

        if (Type is not null)
        {
            query.Add("type=" + Type);
        }

        if (Archived)
        {
            query.Add("archived=true");
        }

        if (Tag is { } tag)
        {
            query.Add("tag=" + tag.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (page is > 1)
        {
            query.Add("page=" + page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }
}

public sealed class OrganisationForm
{
    [BindNever]
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? CompaniesHouseNumber { get; set; }

    public string? Website { get; set; }

    public string? Notes { get; set; }

    public static IEnumerable<SelectListItem> TypeOptions =>
        Enum.GetValues<OrganisationType>().Select(t => new SelectListItem(t.DisplayName(), t.ToString()));

    public static OrganisationForm From(OrganisationDetails organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new()
        {
            Id = organisation.Id,
            Name = organisation.Name,
            Type = organisation.Type.ToString(),
            CompaniesHouseNumber = organisation.CompaniesHouseNumber,
            Website = organisation.Website,
            Notes = organisation.Notes,
        };
    }

    public OrganisationInput ToInput() => new(Name, SupplierListModel.ParseType(Type), CompaniesHouseNumber, Website, Notes);
}

public sealed class ContactForm
{
    [BindNever]
    public int OrganisationId { get; set; }

    [BindNever]
    public string OrganisationName { get; set; } = "";

    [BindNever]
    public int? ContactId { get; set; }

    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? JobTitle { get; set; }

    public string? Phone { get; set; }

    public bool IsPrimary { get; set; }

    public static ContactForm From(OrganisationDetails organisation, ContactDetails contact)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(contact);
        return new()
        {
            OrganisationId = organisation.Id,
            OrganisationName = organisation.Name,
            ContactId = contact.Id,
            FullName = contact.FullName,
            Email = contact.Email,
            JobTitle = contact.JobTitle,
            Phone = contact.Phone,
            IsPrimary = contact.IsPrimary,
        };
    }

    public ContactInput ToInput() => new(FullName, Email, JobTitle, Phone, IsPrimary);
}

public sealed class ImportUploadForm
{
    public IFormFile? File { get; set; }
}

public sealed class ImportPreviewModel
{
    public const int PageSize = 100;

    public ImportPreview Preview { get; init; } = null!;

    public ImportRowStatus? Show { get; init; }

    public int Page { get; init; }

    public IReadOnlyList<ImportRowResult> Shown =>
        Filtered.Skip((Page - 1) * PageSize).Take(PageSize).ToList();

    public IEnumerable<ImportRowResult> Filtered =>
        Show is { } status ? Preview.Rows.Where(r => r.Status == status) : Preview.Rows;

    public int TotalPages => Math.Max(1, (Filtered.Count() + PageSize - 1) / PageSize);

    public string Url(ImportRowStatus? show, int page = 1)
    {
        var query = new List<string>();
        if (Preview.UnknownTypesAsOther && Preview.ConfirmedUtc is null)
        {
            query.Add("unknownTypesAsOther=true");
        }

        if (show is not null)
        {
            query.Add("show=" + show);
        }

        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var path = $"/suppliers/import/{Preview.Id}";
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    public static string StatusText(ImportRowStatus status) => GovUkTagTagHelper.Describe(status).Text;
}
