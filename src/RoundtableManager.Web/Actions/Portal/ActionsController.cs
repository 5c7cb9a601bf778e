using Microsoft.AspNetCore.Http;

namespace RoundtableManager.Web.Actions.Portal;

/// <summary>
/// The actions a supplier organisation owns: list, detail, progress updates, evidence, "mark as done". Another
/// organisation's action is a 404 on every route, as if it did not exist.
/// </summary>
[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
[Route("portal/actions")]
public sealed class ActionsController(ActionCommands commands, ActionQueries actions, ActionEvidenceService evidence) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        User.OrganisationId() is { } organisationId
            ? View(await actions.ListForOrganisationAsync(organisationId, cancellationToken))
            : NotFound();

    [HttpGet("{id:int}")]
    public Task<IActionResult> Show(int id, CancellationToken cancellationToken) => PageAsync(id, new PortalActionPage(), cancellationToken);

    [HttpPost("{id:int}/updates")]
    public Task<IActionResult> Update(int id, PortalActionPage form, CancellationToken cancellationToken) =>
        ChangeAsync(id, form, nameof(PortalActionPage.Comment), "Your update has been added", (org, actor) =>
        {
            ActionStatus? status = string.IsNullOrEmpty(form.Status) ? null : ActionForm.EnumValue<ActionStatus>(form.Status);
            return commands.SupplierUpdateAsync(org, id, status, form.Comment, actor, cancellationToken);
        }, cancellationToken);

    [HttpPost("{id:int}/done")]
    public Task<IActionResult> Done(int id, PortalActionPage form, CancellationToken cancellationToken) =>
        ChangeAsync(id, form, nameof(PortalActionPage.DoneComment), "You have marked the action as done. It is now waiting for confirmation from the staff lead", (org, actor) =>
            commands.SupplierMarkDoneAsync(org, id, form.DoneComment, actor, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/evidence")]
    [RequestSizeLimit(ActionOptions.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = ActionOptions.MaxRequestBytes)]
    public async Task<IActionResult> Evidence(int id, PortalActionPage form, CancellationToken cancellationToken)
    {
        var file = this.PostedEvidence(form);
        return await ChangeAsync(id, form, nameof(PortalActionPage.EvidenceTitle), "Evidence added", (org, actor) =>
            evidence.AddAsync(id, org, form.EvidenceTitle, form.EvidenceUrl, file, actor, cancellationToken), cancellationToken);
    }

    [HttpGet("{id:int}/evidence/{evidenceId:int}")]
    public async Task<IActionResult> Download(int id, int evidenceId, CancellationToken cancellationToken) =>
        User.OrganisationId() is { } organisationId
            ? this.EvidenceFile(await evidence.OpenAsync(id, evidenceId, organisationId, cancellationToken))
            : NotFound();

    private async Task<IActionResult> ChangeAsync(int id, PortalActionPage form, string commentField, string success, Func<int, ActionActor, Task<CommandResult<int>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (User.OrganisationId() is not { } organisationId)
        {
            return NotFound();
        }

        var actor = new ActionActor(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName(), organisationId);
        var result = await change(organisationId, actor);
        return this.Outcome(result, commentField, success, "Someone else changed this action at the same time. Check it below, then try again")
            ?? await PageAsync(id, form, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(int id, PortalActionPage page, CancellationToken cancellationToken) =>
        this.ActionPageView(page, User.OrganisationId() is { } organisationId ? await actions.GetAsync(id, cancellationToken, organisationId) : null, actions, evidence);
}

/// <summary>A portal action page and its forms (update, evidence, mark as done), kept as typed when one is refused.</summary>
public sealed class PortalActionPage : ActionFormPage
{
    public string? Status { get; set; }

    public string? Comment { get; set; }

    public string? DoneComment { get; set; }

    [ShownOnly]
    public override string EvidenceAction => $"/portal/actions/{Action.Id}/evidence";

    public bool CanUpdate() => Action.Status.IsActive();

    public bool CanMarkDone() => Action.Status is ActionStatus.Open or ActionStatus.InProgress or ActionStatus.Blocked;

    public IEnumerable<SelectListItem> StatusOptions() =>
        new[] { ActionStatus.InProgress, ActionStatus.Blocked }.Where(s => s != Action.Status).Select(s => new SelectListItem(s.DisplayName(), s.ToString()))
            .Append(new SelectListItem($"No change (keep it as {Action.Status.DisplayName().ToLowerInvariant()})", ""));
}
