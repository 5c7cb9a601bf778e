namespace RoundtableManager.Web.Engagement;

public sealed class TagForm
{
    [BindNever]
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public TagInput ToInput() => new(Name, Description);
}

/// <summary>What the organisation page's tag section shows: its tags, and (for organisers) the ones it could be given.</summary>
public sealed record OrganisationTagsModel(int OrganisationId, IReadOnlyList<TagName> Tags, IReadOnlyList<TagName> Others, bool CanChange);

/// <summary>The directory's bulk tag form: which tag, add or remove, and whether to the ticked boxes or every organisation matching the filter.</summary>
public sealed class BulkTagForm
{
    public const string Remove = "remove";
    public const string AllMatching = "all";

    public int? TagId { get; set; }

    /// <summary>"add" or "remove".</summary>
    public string? Operation { get; set; }

    /// <summary>"ticked" or "all".</summary>
    public string? Scope { get; set; }

    /// <summary>The organisations ticked on the page shown (one page at most).</summary>
    public List<int> Ids { get; set; } = [];

    public string? Q { get; set; }

    public string? Type { get; set; }

    public bool Archived { get; set; }

    public int? Tag { get; set; }

    public int Page { get; set; }

    /// <summary>The directory filter the form was posted from.</summary>
    public Suppliers.SupplierListModel Filter() => new() { Q = Q, Type = Suppliers.SupplierListModel.ParseType(Type)?.ToString(), Archived = Archived, Tag = Tag };

    public static string Banner(bool add, int changed) => changed == 0
        ? "Nothing changed: " + (add ? "every organisation chosen already had the tag" : "no organisation chosen had the tag")
        : (add ? "Tag added to " : "Tag removed from ") + Core.Common.Plural.Count(changed, "organisation");
}
