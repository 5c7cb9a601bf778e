namespace RoundtableManager.Web.Controls;

/// <summary>Staff read an organisation's answers, verify an In place answer or return one with a reason.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("controls")]
public sealed class ControlAnswersController(ControlQueries controls, ControlAnswerCommands answers) : Controller
{
    [HttpGet("organisations/{id:int}")]
    public async Task<IActionResult> Organisation(int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await controls.ForOrganisationAsync(id, includeRetired: true, cancellationToken));

    [HttpGet("answers/{id:int}")]
    public Task<IActionResult> Show(int id, CancellationToken cancellationToken) => PageAsync(id, null, cancellationToken);

    [HttpPost("answers/{id:int}/verify")]
    public async Task<IActionResult> Verify(int id, StaffAnswerPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await OutcomeAsync(id, form, await answers.VerifyAsync(id, form.Version, Actor(), cancellationToken), "Answer verified", "Version", cancellationToken);
    }

    [HttpPost("answers/{id:int}/return")]
    public async Task<IActionResult> Return(int id, StaffAnswerPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await OutcomeAsync(id, form, await answers.ReturnAsync(id, form.Version, form.ReturnReason, Actor(), cancellationToken), "Answer returned to the supplier", nameof(StaffAnswerPage.ReturnReason), cancellationToken);
    }

    [HttpGet("answers/{id:int}/files/{fileId:int}")]
    public async Task<IActionResult> Download(int id, int fileId, CancellationToken cancellationToken) =>
        this.EvidenceFile(await controls.OpenEvidenceAsync(id, fileId, null, cancellationToken));

    private async Task<IActionResult> OutcomeAsync(int id, StaffAnswerPage form, CommandResult result, string success, string problemField, CancellationToken cancellationToken)
    {
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (result.Status is CommandStatus.Conflict or CommandStatus.NotAllowed)
        {
            ModelState.AddModelError(problemField == "Version" ? "" : problemField, result.Problem!);
            return await PageAsync(id, form, cancellationToken);
        }

        return this.ShowResult(result, success) ? RedirectToAction(nameof(Show), new { id }) : await PageAsync(id, form, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(int id, StaffAnswerPage? form, CancellationToken cancellationToken)
    {
        if (await controls.AnswerAsync(id, null, cancellationToken) is not { } answer)
        {
            return NotFound();
        }

        form ??= new StaffAnswerPage();
        form.Answer = answer;
        // A refused form shows the answer as it now stands: the next try is against this version.
        form.Version = answer.Version;
        ModelState.Remove(nameof(StaffAnswerPage.Version));
        return View("Show", form);
    }

    private ControlActor Actor() => new(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName());
}
