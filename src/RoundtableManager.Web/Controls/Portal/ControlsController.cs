namespace RoundtableManager.Web.Controls.Portal;

/// <summary>
/// A supplier's self-assessment against the control sets adopted for its organisation: status, target date, comment
/// and evidence per control. Another organisation's answer is a 404 on every route, as if it did not exist.
/// </summary>
[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
[Route("portal/controls")]
public sealed class ControlsController(ControlQueries controls, ControlAnswerCommands answers) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        User.OrganisationId() is { } organisationId && await controls.ForOrganisationAsync(organisationId, includeRetired: false, cancellationToken) is { } mine
            ? View(mine)
            : NotFound();

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        User.OrganisationId() is { } organisationId && await controls.AnswerAsync(id, organisationId, cancellationToken) is { } answer
            ? Page(answer, PortalAnswerPage.From(answer))
            : NotFound();

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Answer(int id, PortalAnswerPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (User.OrganisationId() is not { } organisationId)
        {
            return NotFound();
        }

        var (input, dateError) = form.Parse();
        var result = await answers.AnswerAsync(id, organisationId, input, Actor(organisationId), cancellationToken);
        if (dateError is not null && result.Status == CommandStatus.Invalid)
        {
            result = result with { Errors = result.Errors.Where(e => e.Field != dateError.Field).Append(dateError).ToList() };
        }
        else if (dateError is not null && result.Status != CommandStatus.NotFound)
        {
            // The status needs no date (or the answer was refused for another reason): a bad date typed anyway is still wrong.
            result = CommandResult.Invalid(dateError).As<int>();
        }

        return await OutcomeAsync(id, organisationId, form, result, "Your answer has been saved", cancellationToken);
    }

    [HttpPost("{id:int}/evidence")]
    [RequestSizeLimit(Core.Actions.ActionOptions.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = Core.Actions.ActionOptions.MaxRequestBytes)]
    public async Task<IActionResult> Evidence(int id, PortalAnswerPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (User.OrganisationId() is not { } organisationId)
        {
            return NotFound();
        }

        var file = this.PostedEvidence(form);
        var result = await answers.AddEvidenceAsync(id, organisationId, form.EvidenceTitle, form.EvidenceUrl, file, Actor(organisationId), cancellationToken);
        return await OutcomeAsync(id, organisationId, form, result, "Evidence added", cancellationToken);
    }

    [HttpGet("{id:int}/files/{fileId:int}")]
    public async Task<IActionResult> Download(int id, int fileId, CancellationToken cancellationToken) =>
        User.OrganisationId() is { } organisationId
            ? this.EvidenceFile(await controls.OpenEvidenceAsync(id, fileId, organisationId, cancellationToken))
            : NotFound();

    private async Task<IActionResult> OutcomeAsync(int id, int organisationId, PortalAnswerPage form, CommandResult result, string success, CancellationToken cancellationToken)
    {
        if (result.Status == CommandStatus.NotFound || await controls.AnswerAsync(id, organisationId, cancellationToken) is not { } answer)
        {
            return NotFound();
        }

        if (this.ShowResult(result, result.Status == CommandStatus.Unchanged ? "Nothing was changed" : success))
        {
            return RedirectToAction(nameof(Show), new { id });
        }

        if (result.Status == CommandStatus.Conflict)
        {
            // Show what is saved now, with the new version, so the next save is a deliberate one.
            form.Version = answer.Version;
            ModelState.Remove(nameof(PortalAnswerPage.Version));
        }

        return Page(answer, form);
    }

    private ViewResult Page(AnswerDetails answer, PortalAnswerPage form)
    {
        form.Answer = answer;
        form.MaxEvidenceSize = controls.MaxEvidenceSize;
        return View("Show", form);
    }

    private ControlActor Actor(int organisationId) => new(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName(), organisationId);
}
