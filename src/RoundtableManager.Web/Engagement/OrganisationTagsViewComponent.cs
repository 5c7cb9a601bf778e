namespace RoundtableManager.Web.Engagement;

/// <summary>The tag section of an organisation's page (staff only: the page is not in the portal).</summary>
public sealed class OrganisationTagsViewComponent(TagQueries tags) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int organisationId)
    {
        var carried = await tags.ForOrganisationAsync(organisationId, HttpContext.RequestAborted);
        var canChange = User.IsInRole(Roles.Organiser);
        var others = canChange
            ? (await tags.NamesAsync(HttpContext.RequestAborted)).Where(t => carried.All(c => c.Id != t.Id)).ToList()
            : [];
        return View("~/Engagement/Views/Shared/_OrganisationTags.cshtml", new OrganisationTagsModel(organisationId, carried, others, canChange));
    }
}
