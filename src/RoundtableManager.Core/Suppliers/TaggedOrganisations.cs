namespace RoundtableManager.Core.Suppliers;

/// <summary>"The organisations with a tag", in one place: the directory, the invite step, control adoption and the heatmap.</summary>
public static class TaggedOrganisations
{
    /// <summary>
    /// Those of the organisations that carry the tag (all of them without a tag), read from the tag's own rows: its TagId
    /// index, then each organisation by key. An EXISTS per organisation read every organisation (and, for the directory's
    /// counts, every contact) instead. Each caller keeps its own rules (archived or not) on the organisations it passes.
    /// </summary>
    public static IQueryable<Organisation> WithTag(this IQueryable<Organisation> organisations, IQueryable<OrganisationTag> tags, int? tagId)
    {
        if (tagId is not { } id)
        {
            return organisations;
        }

        var tagged = tags.Where(t => t.TagId == id).Select(t => t.OrganisationId);
        return organisations.Where(o => tagged.Contains(o.Id));
    }
}
