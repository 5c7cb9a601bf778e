namespace RoundtableManager.Web.Engagement.Record;

/// <summary>The newest few entries of the organisation's timeline on its page, with links to the whole record and to log an interaction.</summary>
public sealed class OrganisationTimelineViewComponent(TimelineService timeline) : ViewComponent
{
    private const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync(int organisationId)
    {
        var page = await timeline.PageAsync(new TimelineRequest(organisationId, null, null, null, null, User.IsInRole(Roles.Organiser), Shown), HttpContext.RequestAborted);
        return View("~/Engagement/Record/Views/Shared/_OrganisationTimeline.cshtml", new TimelineSummary(organisationId, new TimelineList(page.Entries, page.Kinds), page.Next is not null));
    }
}
