namespace RoundtableManager.Web.Actions;

/// <summary>
/// The actions of one agenda item, listed on the item's page with a link to add another. The agenda's pages show it, so
/// its view is named by path (view lookup starts from the page's own feature folder).
/// </summary>
public sealed class AgendaItemActionsViewComponent(ActionQueries actions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int agendaItemId)
    {
        var page = await actions.ListAsync(new ActionQuery { AgendaItemId = agendaItemId }, HttpContext.RequestAborted);
        return View("~/Actions/Views/Shared/Components/AgendaItemActions/Default.cshtml", (agendaItemId, page));
    }
}
