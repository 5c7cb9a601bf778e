namespace RoundtableManager.Web.Controls;

/// <summary>Staff link a follow-up action to the controls it addresses (and unlink it).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("actions/{id:int}/controls")]
public sealed class ActionControlsController(ActionControlService links, ActionQueries actions) : Controller
{
    [HttpGet("")]
    public Task<IActionResult> Index(int id, CancellationToken cancellationToken) => PageAsync(id, new ActionControlsPage(), cancellationToken);

    [HttpPost("")]
    public async Task<IActionResult> Link(int id, ActionControlsPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await links.LinkAsync(id, form.ControlId, Actor(), cancellationToken);
        return await this.ShowResultAsync(result, result.Status == CommandStatus.Unchanged ? "That control was already linked" : "Control linked to the action",
            () => RedirectToAction(nameof(Index), new { id }), () => PageAsync(id, form, cancellationToken));
    }

    [HttpPost("{controlId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int controlId, CancellationToken cancellationToken)
    {
        var result = await links.UnlinkAsync(id, controlId, Actor(), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        this.ShowSuccess(result.Status == CommandStatus.Unchanged ? "That control was not linked" : "Control unlinked from the action");
        return RedirectToAction(nameof(Index), new { id });
    }

    private async Task<IActionResult> PageAsync(int id, ActionControlsPage form, CancellationToken cancellationToken)
    {
        if (await actions.GetAsync(id, cancellationToken) is not { } action)
        {
            return NotFound();
        }

        form.ActionId = id;
        form.ActionTitle = action.Title;
        form.Linked = await links.ForActionAsync(id, cancellationToken);
        form.Choices = (await links.ChoicesAsync(id, cancellationToken))
            .GroupBy(c => c.Set)
            .SelectMany(g =>
            {
                var group = new SelectListGroup { Name = g.Key };
                return g.Select(c => new SelectListItem(c.Display, c.Id.ToString(CultureInfo.InvariantCulture)) { Group = group });
            })
            .Prepend(new SelectListItem("Select a control", ""))
            .ToList();
        return View("Index", form);
    }

    private ControlActor Actor() => new(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName());
}

/// <summary>The controls section of a follow-up action's page: what it addresses and, once the action is done, a prompt to look at them.</summary>
public sealed class ActionControlsViewComponent(ActionControlService links) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int actionId, bool done)
    {
        var linked = await links.ForActionAsync(actionId, HttpContext.RequestAborted);
        return View("~/Controls/Views/Shared/_ActionControls.cshtml", new ActionControlsSection(actionId, done, UserClaimsPrincipal.IsGovernment(), linked));
    }
}
